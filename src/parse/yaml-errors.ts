// The YAML and JSON parsers' complaints, said as a communications officer needs them: what is
// wrong on this line and how to write it instead. Only the first syntax error is reported, because
// the ones after it are nearly always the same mistake seen again (one tab gave seven errors).

/** A YAML error code with the text of the line it is on → a sentence with the fix. */
export function plainYamlError(code: string, message: string, line: string): string {
  const first = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY': {
      const m = /^(\s*(?:- )?)([^:#]+):\s+(.*\S)\s*$/.exec(line);
      if (m && /:\s/.test(m[3])) return `a colon followed by a space inside a value needs the whole value in quotes: ${m[2].trim()}: "${m[3].trim().replace(/"/g, '\\"')}"`;
      return 'the line above or this one is not a "field: value" pair; check that each field is on its own line, and put a value that contains ": " in quotes';
    }
    case 'TAB_AS_INDENT':
      return 'a tab is used to indent this line; YAML needs spaces: replace the tab with spaces (most editors have a setting "insert spaces")';
    case 'MULTIPLE_DOCS':
      return 'a second document starts here (a line "---"); one file is one publication: remove the line, or move what follows into its own file';
    case 'DUPLICATE_KEY':
      return 'this field is given twice; keep one';
    case 'BAD_INDENT':
      return 'this line is indented differently from the lines around it; fields of the same set must start in the same column';
    case 'MISSING_CHAR':
      if (/quote/i.test(first)) return 'a quotation mark is not closed; end the text with the same kind of quote it starts with';
      if (/[\]}]/.test(first)) return `a closing "${/]/.test(first) ? ']' : '}'}" is missing; check that every opening bracket has its closing one`;
      return UNFIT;
    case 'BAD_DQ_ESCAPE':
      return 'a backslash in double quotes starts an escape; write \\\\ for a backslash, or use single quotes';
    case 'BAD_SCALAR_START':
      return 'a value cannot start with this character unless it is in quotes: put the whole value in quotes';
    case 'BAD_ALIAS':
    case 'ALIAS_PROPS':
      return 'a "*" starts a YAML alias here; put the value in quotes if it is text';
    case 'TAG_RESOLVE_FAILED':
      return `"!" starts a YAML tag, which this format does not use (${first.replace(/^Unresolved tag: /, '').replace(/^tag:yaml\.org,2002:/, '!!')}); remove it, or put the value in quotes if it is text`;
    case 'BAD_DIRECTIVE':
      return 'this "%" line is a YAML directive, which this format does not use; remove the line';
    case 'NON_STRING_KEY':
      return 'a field name must be plain text; remove the brackets or quotes around it';
    case 'UNEXPECTED_TOKEN':
      return UNFIT;
    case 'BLOCK_IN_FLOW':
      return 'inside [ ] or { } every item must be on one level; close the brackets before starting new lines of fields';
    default:
      return UNFIT;
  }
}

/** For the parser's other complaints, whose own words (token names) mean nothing to staff. */
const UNFIT = 'this line does not fit the lines around it: check its indentation, and put a value that holds punctuation (: # [ ] { } , & * ! | > \' " % @) in quotes';

/** A JSON parse error → a sentence with the fix. `next` is the text from the error on. */
export function plainJsonError(code: number, next: string, prevChar: string): string {
  if (next.startsWith("'")) return 'JSON needs double quotes ("…") around text and field names, not single quotes';
  if ((next.startsWith('}') || next.startsWith(']')) && prevChar === ',') return `remove the comma before this "${next[0]}": JSON does not allow a comma after the last item`;
  switch (code) {
    case 2 /* PropertyNameExpected */:
      return 'a field name in double quotes is expected here, like "title"';
    case 4 /* CommaExpected */:
      return 'a comma is missing between this item and the one before';
    case 5 /* CloseBraceExpected */:
      return 'a closing "}" is missing; check that every { has its }';
    case 6 /* CloseBracketExpected */:
      return 'a closing "]" is missing; check that every [ has its ]';
    case 7 /* EndOfFileExpected */:
      return 'there is more text after the end of the JSON; remove it';
    case 8 /* InvalidCommentToken */:
      return 'JSON does not allow comments; remove it';
    case 13 /* InvalidCharacter */:
      return 'text in JSON cannot contain a line break or tab as itself; write \\n or \\t';
    case 15 /* InvalidEscapeCharacter */:
      return 'a backslash starts an escape in JSON; write \\\\ for a backslash';
    case 3 /* ValueExpected */:
      return 'a value is expected here: text in double quotes, a number, true, false, null, [ ] or { }';
    case 0 /* InvalidSymbol */:
      return 'this is not valid JSON here: text must be in double quotes';
    default:
      return 'this is not valid JSON here';
  }
}
