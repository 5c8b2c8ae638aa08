// Words of three or more syllables that are everyday words, not "hard words" needing the word
// list (ER-L09). Short on purpose: a word missing here only gives a warning. The last line holds the
// parts of a document and the people of a council that Easy Read headings and word lists name.
export const EVERYDAY = new Set(
  `about above across actually after afternoon again against already also although always another anybody anyone anything anywhere
  area around away every example useful beautiful because before begin behind below beside between birthday body business buying calendar camera care
  carry celebrate centre children chocolate cinema city company computer continue cooking country dangerous daughter december
  different difficult dinner document easily eleven energy evening everybody everyone everything everywhere exercise family
  favourite february following forever friday general government happy hospital holiday however idea important information
  interest interesting internet january library medicine memory minute money monday morning nobody november october officer
  okay open other paper people period person personal photograph police popular position possible potato probably problem
  radio really remember restaurant saturday september seven similar someone something sometimes somewhere stadium suddenly
  supermarket telephone television together tomorrow tuesday umbrella understand unhappy usually vegetable video wednesday
  whatever whenever wonderful yesterday
  introduction conclusion foreword summary charity councillor`.split(/\s+/).filter(Boolean),
);
