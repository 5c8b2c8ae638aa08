// The HTML publication's stylesheet, inline in its <style> (the page is one self-contained file).
// In the manner of GOV.UK Frontend, written out here rather than added as a dependency: its
// palette (text #0b0c0c on white, 19:1; links #1d70b8, 5.2:1; visited #4c2c92; secondary text
// #505a5f, 7:1), its yellow focus style (black on #ffdd00 with a thick black underline, visible on
// any background), its 19px/1.5 body from tablet width and 16px below, its skip link and
// visually-hidden text, its inset panels and its tables. Sizes are in rem and em, so the reader's
// own browser text size applies. System fonts only: Atkinson Hyperlegible where it is installed.
// The organisation's colours (its profile's identity) replace GOV.UK's blue: links, the title
// band, key figures and boxes' accents and fills; visited, hover and focus keep GOV.UK's.
import type { Profile } from '../../profiles/index.ts';
import type { Identity } from '../../organisation/types.ts';

/** Points to rem at the browser's default 16px (1pt = 4/3 px). */
const rem = (pt: number) => `${+(pt / 12).toFixed(4)}rem`;

/** The stylesheet for a profile, in the organisation's colours (`id`: its profile's identity, checked for contrast there). */
export function stylesheet(p: Profile, id: Identity): string {
  const easyRead = p.name === 'easy-read';
  // Body text: GOV.UK's 16px on small screens and 19px from tablet width; Easy Read keeps its
  // profile's size (16pt, about 21px) at every width.
  const bodySmall = easyRead ? rem(p.body) : '1rem';
  const bodyLarge = easyRead ? rem(p.body) : '1.1875rem';
  const small = +(Math.max(p.smallest, p.body - 1) / p.body).toFixed(3);
  const picture = Math.round((p.picture * 4) / 3);
  return `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:"Atkinson Hyperlegible",Arial,Helvetica,sans-serif;font-size:${bodySmall};line-height:${easyRead ? p.lineHeight : 1.5};color:#0b0c0c;background:#fff;overflow-wrap:anywhere}
@media (min-width:40.0625em){body{font-size:${bodyLarge}}}
.width-container{max-width:40em;margin:0 auto;padding:0 15px}
@media (min-width:40.0625em){.width-container{padding:0 30px}}
.skip-link,.visually-hidden{position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;clip-path:inset(50%)!important;border:0!important;white-space:nowrap!important}
.skip-link:focus{position:static!important;display:block;width:auto!important;height:auto!important;margin:0!important;padding:10px 15px!important;overflow:visible!important;clip:auto!important;clip-path:none!important;white-space:normal!important}
a{color:${id.link};text-decoration:underline;text-decoration-thickness:max(1px,.0625rem);text-underline-offset:.1578em}
a:visited{color:#4c2c92}
a:hover{color:#003078;text-decoration-thickness:max(3px,.1875rem)}
a:focus{outline:3px solid transparent;color:#0b0c0c;background-color:#fd0;box-shadow:0 -2px #fd0,0 4px #0b0c0c;text-decoration:none}
.cover{background:${id.accent};color:#fff;padding:30px 0 20px;margin:0 0 40px}
.cover h1{color:#fff}
.cover .logo{display:block;box-sizing:content-box;height:auto;max-height:4em;width:auto;max-width:50%;background:#fff;padding:8px;margin:0 0 20px}
.cover a,.cover a:visited{color:#fff}
.cover a:focus{color:#0b0c0c}
.cover p{margin:0 0 10px}
.cover .subtitle{font-size:1.25em;line-height:1.3;margin:0 0 20px}
main{padding-bottom:60px}
.page-footer{border-top:1px solid #b1b4b6;padding:20px 0 40px}
.page-footer p{margin:0}
main:focus{outline:none}
h1,h2,h3,h4,h5,h6{font-weight:700;line-height:1.25;margin:30px 0 15px;color:#0b0c0c}
h1{font-size:2em;line-height:1.1;margin:0 0 20px}
h2{font-size:1.5em;margin-top:45px}
h3{font-size:1.25em}
h4,h5,h6{font-size:1em}
@media (min-width:40.0625em){h1{font-size:2.5em}h2{font-size:1.5em}h3{font-size:1.25em}}
.section-number{margin-right:.4em}
p{margin:0 0 20px}
.small,.note{font-size:${small}em}
ul,ol{margin:0 0 20px;padding:0 0 0 1.25em}
li{margin:0 0 5px}
li>p:last-child{margin-bottom:0}
ul.check,ol.labelled{list-style:none;padding:0}
ul.check>li{position:relative;padding-left:1.6em}
.tick{position:absolute;left:0;top:.2em;line-height:0}
.tick svg{width:1.1em;height:1.1em}
ol.labelled>li{position:relative;padding-left:var(--label-width,2.5em)}
.list-label{position:absolute;left:0;font-weight:700}
.contents{margin:0 0 40px}
.contents h2{margin-top:0}
.contents ol{list-style:none;padding:0}
.contents li{margin:0 0 8px;padding-left:2.2em;position:relative}
.contents-number{position:absolute;left:0}
dl{margin:0 0 20px}
dl.glossary dt{font-weight:700;margin:20px 0 5px}
dl.glossary dd{margin:0 0 15px}
/* A paper's header block: labels in a column beside their values, stacked on narrow screens. */
dl.fields{margin:0 0 30px}
dl.fields dt{font-weight:700}
dl.fields dd{margin:0 0 10px}
dl.fields dd p{margin:0}
@media (min-width:40.0625em){dl.fields{display:grid;grid-template-columns:minmax(8em,30%) 1fr;column-gap:20px}dl.fields dd{margin:0 0 10px}}
dd>p:last-child{margin-bottom:0}
dl.key-facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,11em),1fr));gap:20px 30px}
dl.key-facts>div{border-top:5px solid ${id.accent};padding-top:10px}
dl.key-facts dt{font-size:${+(p.keyFact / p.body).toFixed(3)}em;font-weight:700;line-height:1.1;color:${id.accent};margin:0 0 5px}
dl.key-facts dd{margin:0}
.box{margin:0 0 30px;padding:15px 20px;border-left:5px solid ${id.accent};background:${id.panel}}
.box-story{background:${id.storyPanel}}
.box-facts{background:#fff;border:1px solid #b1b4b6;border-left:5px solid ${id.accent}}
.box-quote{background:${id.quotePanel};border-left-color:#505a5f}
.box-panel{margin:0 0 20px}
@media (min-width:40em){.group-panel{display:grid;grid-template-columns:minmax(0,1fr) 38%;column-gap:25px;align-items:start}}
.box>:first-child{margin-top:0}
.box>:last-child{margin-bottom:0}
blockquote{margin:0 0 20px;padding:0 0 0 20px;border-left:5px solid #b1b4b6;font-size:1.1em}
figure.quote{margin:0 0 30px}
figure.quote blockquote{margin-bottom:10px}
figure.quote figcaption{font-weight:700;padding-left:25px}
figure{margin:0 0 30px}
figcaption{margin-top:10px;font-size:${small}em}
.figure img,.figure svg,figure img{display:block;max-width:100%;height:auto}
.chart svg{display:block;max-width:100%;height:auto;margin:0 0 10px}
.group{margin:0 0 30px}
.contact{font-style:normal;margin:0 0 30px;padding-left:15px;border-left:5px solid #b1b4b6}
.contact p{margin:0 0 5px}
.table-wrap{overflow-x:auto;margin:0 0 30px;container-type:inline-size}
.table-wrap:focus{outline:3px solid #fd0;outline-offset:0;box-shadow:0 0 0 6px #0b0c0c}
table{border-collapse:collapse;border-spacing:0;width:100%;overflow-wrap:break-word}
caption{text-align:left;font-weight:700;margin:0 0 10px}
.caption-text{display:block;max-width:100cqi;position:sticky;left:0}
th,td{padding:10px 20px 10px 0;border-bottom:1px solid #b1b4b6;text-align:left;vertical-align:top}
th:last-child,td:last-child{padding-right:0}
thead th{border-bottom-width:2px;border-bottom-color:#0b0c0c}
@media (max-width:40em){th,td{padding-right:12px}}
.swatch{display:inline-block;margin-right:.4em;line-height:0;vertical-align:-.1em}
.swatch svg{width:.9em;height:.9em}
.picture-row{display:flex;align-items:flex-start;gap:25px;margin:0 0 30px}
.picture{flex:none;width:${picture}px;display:flex;flex-direction:column;gap:10px}
.picture svg,.picture img{display:block;width:${picture}px;height:${picture}px;object-fit:contain}
.picture-text{flex:1 1 0;min-width:0;padding-top:10px}
.picture-text>:last-child{margin-bottom:0}
@media (max-width:29.99em){.picture-row{flex-direction:column;gap:10px}.picture-text{padding-top:0}}
.page-break{display:none}
@media print{
@page{margin:2cm}
body{font-size:${easyRead ? p.body : 12}pt;line-height:${easyRead ? p.lineHeight : 1.4};color:#000;background:#fff}
.width-container{max-width:none;padding:0}
.skip-link{display:none!important}
.cover{background:none;color:#000;padding:0;margin:0 0 1cm}
.cover h1,.cover a{color:#000}
a,a:visited{color:#000}
a.print-url::after{content:" (" attr(data-url) ")"}
.page-break{display:block;height:0;break-before:page}
h1,h2,h3,h4,h5,h6{break-after:avoid;break-inside:avoid}
figure,aside,blockquote,tr,li,dl.key-facts>div,.picture-row,.contact,.group{break-inside:avoid}
.table-wrap{overflow:visible}
p{orphans:3;widows:3}
}`;
}
