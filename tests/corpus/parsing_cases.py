"""Corpus of tricky ``~/.aws/config`` / ``~/.aws/credentials`` layouts.

Each :class:`Case` holds the exact bytes of the two files (``None`` = the file
does not exist). The cases exercise every parsing behaviour listed in section 1
of ``botocore-semantics.md`` (references such as ``§1.2`` below point there;
``P..`` ids are the experiment ids used in that document).

The corpus is consumed by ``tests/test_differential_botocore.py``, which runs
each case through botocore's own loader and through ``awslint.aws.model`` and
compares the results. Notes say what a case exercises; the expected outcome is
whatever botocore does (only a handful of outcomes are pinned explicitly in the
differential test).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    """One pair of file contents (``None`` = file absent)."""

    id: str
    note: str
    config: bytes | None
    credentials: bytes | None


# Documented example key material (AWS docs placeholders), used throughout.
AK = b"AKIAIOSFODNN7EXAMPLE"
SK = b"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
AK2 = b"AKIAI44QH8DHBEXAMPLE"
SK2 = b"je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY"

_DEFAULT_KEYS = (
    b"[default]\naws_access_key_id = " + AK + b"\naws_secret_access_key = " + SK + b"\n"
)


CASES: list[Case] = [
    # ------------------------------------------------------------------
    # §1.1 file presence, shape of full_config
    # ------------------------------------------------------------------
    Case(
        id="both-files-absent",
        note="neither file exists: full_config is just {'profiles': {}} (§1.1 ConfigNotFound swallowed)",
        config=None,
        credentials=None,
    ),
    Case(
        id="config-only-minimal",
        note="plain [default] in config, credentials absent (§1.1, §1.3 rule 4)",
        config=b"[default]\nregion = us-east-1\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="credentials-only",
        note="config absent: full_config has only 'profiles' (no sso_sessions/services keys) (§1.1, §1.4)",
        config=None,
        credentials=_DEFAULT_KEYS + b"\n[dev]\naws_access_key_id = " + AK2 + b"\naws_secret_access_key = " + SK2 + b"\n",
    ),
    Case(
        id="empty-config-file",
        note="empty (0-byte) config file: profiles/sso_sessions/services all empty (§1.2 P19)",
        config=b"",
        credentials=None,
    ),
    Case(
        id="empty-both-files",
        note="both files exist and are empty (§1.2 P19)",
        config=b"",
        credentials=b"",
    ),
    Case(
        id="comment-only-files",
        note="only # and ; comment lines, some indented, in both files (§1.2 P19, comment_prefixes)",
        config=b"# aws config\n; nothing here yet\n    # indented comment\n\t; tab-indented\n",
        credentials=b"# credentials\n;[default]\n#aws_access_key_id = " + AK + b"\n",
    ),
    Case(
        id="whitespace-only-file",
        note="blank and whitespace-only lines (spaces, tabs) before any header are fine (§1.2)",
        config=b"\n\n   \n\t\n  \t  \n",
        credentials=None,
    ),
    Case(
        id="no-trailing-newline",
        note="last line without newline in both files (§1.2)",
        config=b"[default]\nregion = us-east-1",
        credentials=b"[default]\naws_access_key_id = " + AK + b"\naws_secret_access_key = " + SK,
    ),
    # ------------------------------------------------------------------
    # §1.1 encoding
    # ------------------------------------------------------------------
    Case(
        id="bom-config",
        note="UTF-8 BOM at start of config: '\\ufeff[default]' -> MissingSectionHeaderError -> ConfigParseError (§1.1 P16)",
        config=b"\xef\xbb\xbf[default]\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="bom-credentials",
        note="UTF-8 BOM only in the credentials file; config fine -> still ConfigParseError (§1.1 P16, §1.2 either file fatal)",
        config=b"[default]\nregion = us-east-1\n",
        credentials=b"\xef\xbb\xbf" + _DEFAULT_KEYS,
    ),
    Case(
        id="bom-before-comment",
        note="BOM followed by a comment line: '\\ufeff#...' is not a comment and has no delimiter -> ConfigParseError (§1.1)",
        config=b"\xef\xbb\xbf# managed by tool\n[default]\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="bom-mid-file-key",
        note="U+FEFF in front of a key in the middle of the file is not whitespace: key becomes '\\ufeffregion' (§1.1)",
        config=b"[default]\noutput = json\n\xef\xbb\xbfregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="bom-mid-file-header",
        note="U+FEFF in front of a later header: not a header, no delimiter -> ParsingError -> ConfigParseError (§1.1)",
        config=b"[default]\nregion = us-east-1\n\xef\xbb\xbf[profile dev]\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="invalid-utf8-config",
        note="Latin-1 byte 0xE9 in a value: UnicodeDecodeError -> ConfigParseError (§1.1 P17)",
        config=b"[profile caf\xc3\xa9]\nregion = us-east-1\n[default]\nrole_session_name = caf\xe9\n",
        credentials=None,
    ),
    Case(
        id="invalid-utf8-credentials",
        note="invalid UTF-8 only in the credentials file -> ConfigParseError (§1.1 P17)",
        config=b"[default]\nregion = us-east-1\n",
        credentials=_DEFAULT_KEYS + b"[caf\xe9]\naws_access_key_id = " + AK2 + b"\naws_secret_access_key = " + SK2 + b"\n",
    ),
    Case(
        id="invalid-utf8-in-comment",
        note="invalid byte inside a comment line is still fatal: the whole file is decoded (§1.1 P17)",
        config=b"# Jos\xe9's config\n[default]\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="invalid-utf8-truncated-sequence",
        note="truncated multi-byte sequence at end of file -> ConfigParseError (§1.1 P17)",
        config=b"[default]\nregion = us-east-1\n# \xe2\x82",
        credentials=None,
    ),
    Case(
        id="valid-utf8-non-ascii",
        note="valid non-ASCII UTF-8 in a profile name, value and comment is accepted on a UTF-8 locale (§1.1)",
        config=(
            b"# \xe6\x9d\xb1\xe4\xba\xac office\n[profile caf\xc3\xa9]\nregion = eu-west-3\n"
            b"role_session_name = Jos\xc3\xa9\n"
        ),
        credentials=b"[caf\xc3\xa9]\naws_access_key_id = " + AK + b"\naws_secret_access_key = " + SK + b"\n",
    ),
    Case(
        id="nbsp-around-values",
        note="U+00A0 is whitespace for str.strip: trailing NBSP after a value/key is stripped (§1.2 strip)",
        config=b"[default]\nregion = us-east-1\xc2\xa0\noutput\xc2\xa0= json\n",
        credentials=None,
    ),
    Case(
        id="nbsp-indented-header-swallowed",
        note="NBSP-indented header after a key counts as indentation -> swallowed into the value (§1.2 P03a)",
        config=b"[default]\nregion = us-east-1\n\xc2\xa0[profile dev]\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="nbsp-in-profile-header",
        note="shlex does not split on NBSP: '[profile\\xa0foo]' is 1 token (dropped), '[profile foo\\xa0]' names 'foo\\xa0' (§1.3)",
        config=b"[profile\xc2\xa0foo]\nregion = us-east-1\n[profile bar\xc2\xa0]\nregion = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="zero-width-space-in-key",
        note="U+200B is not whitespace: key 'region\\u200b' is kept as a distinct key (§1.2)",
        config=b"[default]\nregion\xe2\x80\x8b = us-east-1\n",
        credentials=None,
    ),
    # ------------------------------------------------------------------
    # §1.2 line endings, tabs, control characters
    # ------------------------------------------------------------------
    Case(
        id="crlf-config",
        note="CRLF line endings in config, including a continuation line (§1.2 P18)",
        config=(
            b"[default]\r\nregion = us-east-1\r\n\r\n[profile dev]\r\nregion = eu-west-1\r\n"
            b"credential_process = /usr/bin/tool --a\r\n  --b\r\n"
        ),
        credentials=None,
    ),
    Case(
        id="crlf-credentials",
        note="CRLF line endings in credentials (§1.2 P18)",
        config=None,
        credentials=_DEFAULT_KEYS.replace(b"\n", b"\r\n"),
    ),
    Case(
        id="cr-only-config",
        note="classic-Mac CR-only line endings: universal newlines split on CR, file parses normally (§1.2)",
        config=b"[default]\rregion = us-east-1\r[profile dev]\routput = json\r  # comment\r",
        credentials=None,
    ),
    Case(
        id="cr-only-credentials",
        note="CR-only line endings in credentials (§1.2)",
        config=b"[default]\nregion = us-east-1\n",
        credentials=_DEFAULT_KEYS.replace(b"\n", b"\r"),
    ),
    Case(
        id="mixed-line-endings",
        note="LF, CRLF and CR mixed in one file (§1.2)",
        config=b"[default]\nregion = us-east-1\r\noutput = json\r[profile dev]\r\nregion = eu-west-1\n",
        credentials=None,
    ),
    Case(
        id="stray-cr-splits-line",
        note="a lone CR inside a secret splits the line; the tail has no delimiter -> ParsingError -> ConfigParseError (§1.2)",
        config=None,
        credentials=b"[default]\naws_access_key_id = " + AK + b"\naws_secret_access_key = wJalrXUtnFEMI\rK7MDENG\n",
    ),
    Case(
        id="stray-cr-then-indent",
        note="a lone CR followed by spaces inside a value: second part becomes a continuation line 'a\\nb' (§1.2)",
        config=b"[default]\ncredential_process = /bin/tool\r  --flag\n",
        credentials=None,
    ),
    Case(
        id="tabs-everywhere",
        note="tab around delimiter, tab-indented continuation and nested lines, tab in profile header (§1.2 P18, §1.3)",
        config=(
            b"[default]\nregion\t=\tus-east-1\t\ncredential_process\t= /bin/tool\n\t--flag\n"
            b"s3 =\n\taddressing_style = path\n[profile\tbaz]\noutput = json\n"
        ),
        credentials=b"[default]\naws_access_key_id\t=\t" + AK + b"\naws_secret_access_key=\t" + SK + b"\t\n",
    ),
    Case(
        id="form-feed-and-vtab",
        note="a form-feed-only line is blank; a VT-indented header after a key is a continuation (\\s indentation) (§1.2)",
        config=b"[default]\nregion = us-east-1\n\x0c\n[profile dev]\noutput = json\n\x0b[profile other]\n",
        credentials=None,
    ),
    Case(
        id="control-char-in-value",
        note="form feed / unit separator inside a plain value are kept verbatim (only nested values are splitlines()'d) (§1.2)",
        config=b"[default]\nrole_session_name = a\x0cb\nexternal_id = c\x1fd\n",
        credentials=None,
    ),
    # ------------------------------------------------------------------
    # §1.2 keys and values
    # ------------------------------------------------------------------
    Case(
        id="inline-comment-kept",
        note="no inline comments: 'us-east-1 # prod' and 'json ; note' kept verbatim (§1.2 P04)",
        config=b"[default]\nregion = us-east-1 # prod\noutput = json ; note\nsso_start_url = https://x.awsapps.com/start#/\n",
        credentials=b"[default]\naws_access_key_id = " + AK + b"  # work key\naws_secret_access_key = " + SK + b"\n",
    ),
    Case(
        id="percent-literal",
        note="RawConfigParser: no interpolation, '%(home)s' and '%20' survive (§1.2 P29)",
        config=b"[default]\ncredential_process = tool %(home)s --q=a%20b %\n",
        credentials=b"[default]\naws_secret_access_key = abc%def%%\naws_access_key_id = " + AK + b"\n",
    ),
    Case(
        id="colon-delimiter",
        note="':' is a delimiter; the first '=' or ':' splits; 'foo:bar = baz' -> key 'foo' (§1.2 P20)",
        config=(
            b"[default]\nregion: us-east-1\nrole_arn: arn:aws:iam::123456789012:role/r\n"
            b"foo:bar = baz\nsource_profile : base\n"
        ),
        credentials=b"[base]\naws_access_key_id: " + AK + b"\naws_secret_access_key:" + SK + b"\n",
    ),
    Case(
        id="empty-values",
        note="'region =' and 'output:' give '' (§1.2 P14)",
        config=b"[default]\nregion =\noutput:\ncli_pager = \n",
        credentials=b"[default]\naws_access_key_id =\naws_secret_access_key = " + SK + b"\n",
    ),
    Case(
        id="quotes-kept",
        note="quotes are part of the value (§1.2 P14)",
        config=b"[default]\noutput = \"json\"\nregion = 'us-east-1'\n",
        credentials=None,
    ),
    Case(
        id="value-contains-delimiters",
        note="only the first delimiter splits: values keep later '=' and ':' (§1.2)",
        config=b"[default]\ncredential_process = tool --a=b --c:d\nregion = = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="key-with-spaces",
        note="a key with inner spaces is kept (lower-cased) as one key (§1.2)",
        config=b"[default]\nAWS Region Name = us-east-1\n",
        credentials=b"[default]\naws access key id = " + AK + b"\n",
    ),
    Case(
        id="uppercase-keys-lowered",
        note="optionxform=str.lower: AWS_ACCESS_KEY_ID -> aws_access_key_id, Region -> region (§1.2 P11)",
        config=b"[default]\nRegion = us-east-1\nOUTPUT = JSON\n",
        credentials=b"[default]\nAWS_ACCESS_KEY_ID = " + AK + b"\nAws_Secret_Access_Key = " + SK + b"\n",
    ),
    Case(
        id="duplicate-key-case-insensitive",
        note="'region' and 'REGION' collide after lower-casing -> DuplicateOptionError (§1.2 P02)",
        config=b"[default]\nregion = us-east-1\nREGION = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="duplicate-key-config",
        note="same key twice in one config section -> ConfigParseError (§1.0 P02)",
        config=b"[profile dev]\nregion = us-east-1\noutput = json\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="duplicate-key-credentials-only",
        note="duplicate key in the credentials file only; config clean -> ConfigParseError (§1.2 P27)",
        config=b"[default]\nregion = us-east-1\n",
        credentials=_DEFAULT_KEYS + b"aws_access_key_id = " + AK2 + b"\n",
    ),
    Case(
        id="duplicate-section-config",
        note="same [section] twice in config -> DuplicateSectionError -> ConfigParseError (§1.0 P01)",
        config=b"[profile dev]\nregion = us-east-1\n\n[profile dev]\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="duplicate-section-credentials-only",
        note="same [section] twice in credentials only -> ConfigParseError (§1.0 P01)",
        config=b"[profile dev]\nregion = us-east-1\n",
        credentials=b"[dev]\naws_access_key_id = " + AK + b"\n[dev]\naws_secret_access_key = " + SK + b"\n",
    ),
    Case(
        id="same-section-in-both-files",
        note="[default] once in each file is not a duplicate (strictness is per file) (§1.4)",
        config=b"[default]\nregion = us-east-1\n",
        credentials=_DEFAULT_KEYS,
    ),
    Case(
        id="bare-key-config",
        note="bare 'region' line (allow_no_value=False) -> ParsingError -> ConfigParseError (§1.2 P12)",
        config=b"[default]\nregion\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="bare-key-credentials",
        note="bare line (pasted key without name) in credentials -> ConfigParseError (§1.2 P12)",
        config=None,
        credentials=b"[default]\n" + AK + b"\n" + SK + b"\n",
    ),
    Case(
        id="empty-key-equals",
        note="'= value' has an empty option name -> ParsingError -> ConfigParseError (§1.2)",
        config=b"[default]\nregion = us-east-1\n= eu-west-1\n",
        credentials=None,
    ),
    Case(
        id="empty-key-colon",
        note="': value' has an empty option name -> ConfigParseError (§1.2)",
        config=None,
        credentials=b"[default]\n: " + AK + b"\n",
    ),
    Case(
        id="key-before-header-config",
        note="key line before any header -> MissingSectionHeaderError -> ConfigParseError (§1.2 P13)",
        config=b"region = us-east-1\n[default]\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="key-before-header-credentials",
        note="key line before any header in credentials -> ConfigParseError (§1.2 P13)",
        config=b"[default]\nregion = us-east-1\n",
        credentials=b"aws_access_key_id = " + AK + b"\n[default]\naws_secret_access_key = " + SK + b"\n",
    ),
    Case(
        id="indented-key-before-header",
        note="indented key line as first line is not a continuation (no section yet) -> ConfigParseError (§1.2 P13)",
        config=b"  region = us-east-1\n[default]\n",
        credentials=None,
    ),
    Case(
        id="comments-before-header",
        note="comments and blank lines before the first header are fine (§1.2)",
        config=b"# header comment\n\n; another\n[default]\nregion = us-east-1\n",
        credentials=None,
    ),
    # ------------------------------------------------------------------
    # §1.2 continuation lines, indentation
    # ------------------------------------------------------------------
    Case(
        id="multiline-value",
        note="indented line continues the value with '\\n' (§1.2 P14)",
        config=b"[default]\ncredential_process = /bin/tool --arg=1\n  --more\n      --even-more\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="multiline-blank-lines-inside",
        note="blank lines inside a value do not end it (empty_lines_in_values): 'a\\n\\nb'; trailing blanks stripped (§1.2 P03e)",
        config=b"[default]\ncredential_process = a\n\n  b\n\n\n[profile dev]\nregion = us-east-1\n\n\n",
        credentials=None,
    ),
    Case(
        id="multiline-comment-inside",
        note="indented '#' and ';' lines inside a continuation are dropped, value continues (§1.2 comment_prefixes)",
        config=b"[default]\ncredential_process = a\n  # not part of it\n  b\n  ; nor this\n  c\n",
        credentials=None,
    ),
    Case(
        id="indented-comment-after-key",
        note="indented comment after a key, then a normal key: value unchanged (§1.2)",
        config=b"[default]\nregion = us-east-1\n    # was us-west-2\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="indented-secret-swallowed",
        note="indented aws_secret_access_key after the key id becomes part of its value (§1.2 continuation, pitfalls P07)",
        config=None,
        credentials=b"[default]\naws_access_key_id = " + AK + b"\n  aws_secret_access_key = " + SK + b"\n",
    ),
    Case(
        id="indented-header-after-key",
        note="'  [profile foo]' after a key is swallowed: 'us-east-1\\n[profile foo]', next keys stay in [default] (§1.0 P03a)",
        config=b"[default]\nregion = us-east-1\n  [profile foo]\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="indented-header-after-blank",
        note="indented header after a blank line still continues the value (P03e)",
        config=b"[default]\nregion = us-east-1\n\n  [profile foo]\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="indented-header-after-blank-dup",
        note="swallowed header means the next 'region' duplicates the first -> ConfigParseError (§1.2 P03b)",
        config=b"[default]\nregion = us-east-1\n\n  [profile foo]\n  region = us-west-2\nregion = eu-west-1\n",
        credentials=None,
    ),
    Case(
        id="indented-header-first-line",
        note="indented header as first line of the file is accepted (§1.0 P03d)",
        config=b"  [default]\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="indented-header-after-header",
        note="indented header directly after a header is accepted; previous section stays empty (§1.0 P03d)",
        config=b"[default]\n    [profile foo]\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="indented-header-in-credentials",
        note="indented [dev] after a key in credentials is swallowed into the secret (§1.2 P03a)",
        config=None,
        credentials=_DEFAULT_KEYS + b"  [dev]\naws_session_token = tok\n",
    ),
    Case(
        id="indented-key-after-header",
        note="indented keys directly after a header are ordinary keys at that indent; deeper line continues (§1.2 P03c)",
        config=b"[default]\n  region = us-east-1\n  output = json\n    text\n",
        credentials=None,
    ),
    Case(
        id="indented-nested-same-indent",
        note="'  s3 =' then lines at the same indent: not nested, s3 = '' and addressing_style is a profile key (§1.2 P03c, §1.5)",
        config=b"[default]\n  s3 =\n  addressing_style = path\n",
        credentials=None,
    ),
    # ------------------------------------------------------------------
    # §1.2 header syntax
    # ------------------------------------------------------------------
    Case(
        id="header-trailing-comment",
        note="'[default] # main' and '[profile dev] ; x' parse as 'default' / 'profile dev' (§1.2 P15)",
        config=b"[default] # main\nregion = us-east-1\n[profile dev] ; dev account\nregion = eu-west-1\n",
        credentials=b"[default]   # personal\naws_access_key_id = " + AK + b"\naws_secret_access_key = " + SK + b"\n",
    ),
    Case(
        id="header-extra-bracket",
        note="header takes everything up to the LAST ']': '[a]b]' -> section 'a]b', '[profile foo]]' -> profile 'foo]' (§1.2 P15)",
        config=b"[a]b]\nx = 1\n[profile foo]]\nregion = us-east-1\n",
        credentials=b"[a]b]\naws_access_key_id = " + AK + b"\n",
    ),
    Case(
        id="header-comment-with-bracket",
        note="'[profile foo] # see [docs]' -> name 'profile foo] # see [docs' -> 4 shlex tokens -> dropped (§1.2 P15, §1.3)",
        config=b"[profile foo] # see [docs]\nregion = us-east-1\n[default]\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="header-trailing-text-ignored",
        note="'[profile foo] region = x' is a header; text after ']' is silently ignored (§1.2 P15)",
        config=b"[profile foo] region = us-east-1\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="header-looks-like-key",
        note="'[x] = y' matches the header regex first -> section 'x' (§1.2)",
        config=b"[default]\nregion = us-east-1\n[preview] = true\ncloudfront = true\n",
        credentials=None,
    ),
    Case(
        id="header-unclosed",
        note="'[profile foo' without ']' and without delimiter -> ParsingError -> ConfigParseError (§1.2)",
        config=b"[default]\nregion = us-east-1\n[profile foo\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="header-unclosed-with-colon",
        note="'[profile a:b' without ']' is a key '[profile a' = 'b' in the previous section (§1.2 delimiters)",
        config=b"[default]\nregion = us-east-1\n[profile a:b\n",
        credentials=None,
    ),
    Case(
        id="header-empty-brackets",
        note="'[]' is not a header (.+ needs a char) and has no delimiter -> ConfigParseError (§1.2)",
        config=b"[default]\nregion = us-east-1\n[]\n",
        credentials=None,
    ),
    Case(
        id="header-space-only",
        note="'[ ]' is section ' ' -> kept as a top-level non-profile section (§1.3 rule 5)",
        config=b"[ ]\nx = 1\n[default]\nregion = us-east-1\n",
        credentials=None,
    ),
    # ------------------------------------------------------------------
    # §1.3 section name -> profile mapping (config file)
    # ------------------------------------------------------------------
    Case(
        id="profile-whitespace-variants",
        note="'[profile  foo]', '[profile bar ]', '[profile<TAB>baz]' -> foo, bar, baz via shlex (§1.3 P05)",
        config=b"[profile  foo]\nregion = us-east-1\n[profile bar ]\nregion = us-east-2\n[profile\tbaz]\nregion = us-west-1\n",
        credentials=None,
    ),
    Case(
        id="profile-quoted-names",
        note="'[profile \"foo bar\"]' -> 'foo bar'; \"[profile 'q']\" -> 'q' (§1.3)",
        config=b"[profile \"foo bar\"]\nregion = us-east-1\n[profile 'q']\nregion = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="profile-three-tokens-dropped",
        note="'[profile foo bar]' gives 3 tokens -> silently dropped, not even top-level (§1.3 P06)",
        config=b"[profile foo bar]\nregion = us-east-1\n[default]\nregion = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="profile-no-name-dropped",
        note="'[profile]' (1 token) dropped (§1.3)",
        config=b"[profile]\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="profilefoo-dropped",
        note="'[profilefoo]' starts with 'profile', 1 token -> dropped (§1.3)",
        config=b"[profilefoo]\nregion = us-east-1\n[default]\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="profile-unterminated-quote",
        note="'[profile \"unterminated]' -> shlex ValueError -> dropped silently (§1.3)",
        config=b"[profile \"unterminated]\nregion = us-east-1\n[profile ok]\nregion = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="profile-prefix-not-checked",
        note="'[profiles x]' and '[profile-y z]' -> profiles x and z; the first token is never checked (§1.3)",
        config=b"[profiles x]\nregion = us-east-1\n[profile-y z]\nregion = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="profile-shlex-posix-rules",
        note="'[profile a\\b]'->'ab', '[profile \"x\"y]'->'xy', '[profile #hash]'->'#hash', '[profile a\\ b]'->'a b' (§1.3)",
        config=(
            b"[profile a\\b]\nregion = us-east-1\n[profile \"x\"y]\nregion = us-east-2\n"
            b"[profile #hash]\nregion = us-west-1\n[profile a\\ b]\nregion = us-west-2\n"
        ),
        credentials=None,
    ),
    Case(
        id="profile-empty-quoted-name",
        note="'[profile \"\"]' gives tokens ['profile', ''] -> profile named '' (§1.3)",
        config=b"[profile \"\"]\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="case-and-space-variants-top-level",
        note="'[Default]', '[ default ]', '[Profile Upper]', '[ profile lead]', '[foo]' are top-level sections, not profiles (§1.3 P06, P07)",
        config=(
            b"[Default]\nregion = us-east-1\n[ default ]\nregion = us-east-2\n[Profile Upper]\nregion = us-west-1\n"
            b"[ profile lead]\nregion = us-west-2\n[foo]\nregion = eu-west-1\n"
        ),
        credentials=None,
    ),
    Case(
        id="default-then-profile-default",
        note="[default] then [profile default]: the later replaces the earlier wholesale, 'output' lost (§1.3 P08a)",
        config=b"[default]\nregion = us-east-1\noutput = json\n[profile default]\nregion = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="profile-default-then-default",
        note="[profile default] then [default]: the later [default] wins wholesale (§1.3 P08b)",
        config=b"[profile default]\nregion = us-west-2\ncli_pager =\n[default]\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="profile-default-only",
        note="only [profile default] -> profile 'default' (§1.3)",
        config=b"[profile default]\nregion = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="same-profile-two-spellings",
        note="'[profile foo]' and '[profile  foo]' are distinct raw sections (no DuplicateSectionError) mapping to 'foo'; later wins (§1.3)",
        config=b"[profile foo]\nregion = us-east-1\noutput = json\n[profile  \"foo\"]\nregion = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="sso-session-variants",
        note="[sso-session my-sso], [sso-sessions other] (prefix not checked), [sso-session] and [sso-sessionfoo] dropped, quoted name (§1.3 P09)",
        config=(
            b"[sso-session my-sso]\nsso_start_url = https://my.awsapps.com/start\nsso_region = us-east-1\n"
            b"[sso-sessions other]\nsso_region = eu-west-1\n[sso-session]\nsso_region = x\n"
            b"[sso-sessionfoo]\nsso_region = y\n[sso-session \"Acme Dev\"]\nsso_region = us-west-2\n"
        ),
        credentials=None,
    ),
    Case(
        id="services-variants",
        note="[services local] with nested per-service dicts; [services] with no name dropped; [servicesx] dropped (§1.3 P09, §1.5)",
        config=(
            b"[services local]\ndynamodb =\n  endpoint_url = http://localhost:8000\ns3 =\n"
            b"  endpoint_url = http://localhost:4566\n  Addressing_Style = path\n"
            b"[services]\nx = 1\n[servicesx]\ny = 2\n[profile dev]\nservices = local\n"
        ),
        credentials=None,
    ),
    Case(
        id="services-nested-missing-equals",
        note="nested line without '=' inside [services x] -> ValueError -> ConfigParseError (§1.5 P10c)",
        config=b"[services local]\ns3 =\n  endpoint_url http://localhost:4566\n",
        credentials=None,
    ),
    Case(
        id="top-level-sections",
        note="[preview], [plugins], [foo] kept as top-level keys of full_config (§1.3 rule 5)",
        config=(
            b"[default]\nregion = us-east-1\n[preview]\ncloudfront = true\n"
            b"[plugins]\ncli_legacy_plugin_path = /opt/plugins\nendpoint = awscli_plugin_endpoint\n"
        ),
        credentials=None,
    ),
    Case(
        id="top-level-name-collisions",
        note="'[sso_sessions]' top-level is clobbered by the sso_sessions map; '[profiles]', '[profile_x]' dropped (§1.3, build_profile_map)",
        config=(
            b"[sso_sessions]\nfoo = bar\n[profiles]\nbaz = qux\n[profile_x]\nregion = us-east-1\n"
            b"[sso-session s]\nsso_region = us-east-1\n"
        ),
        credentials=None,
    ),
    # ------------------------------------------------------------------
    # §1.2/§1.4 [DEFAULT]
    # ------------------------------------------------------------------
    Case(
        id="default-upper-config",
        note="[DEFAULT] in config is hidden and injected into every section: profiles, sso-session, services, top-level (§1.2 P25)",
        config=(
            b"[DEFAULT]\nrole_arn = arn:aws:iam::123456789012:role/everyone\n"
            b"[default]\nregion = us-east-1\n[profile dev]\noutput = json\n"
            b"[sso-session s]\nsso_region = us-east-1\n[services local]\ns3 =\n  endpoint_url = http://x\n"
            b"[preview]\ncloudfront = true\n"
        ),
        credentials=None,
    ),
    Case(
        id="default-upper-override",
        note="a section's own key beats the [DEFAULT] key of the same name, no duplicate error (§1.2)",
        config=b"[DEFAULT]\nregion = us-east-1\noutput = text\n[profile dev]\nregion = eu-west-1\n",
        credentials=None,
    ),
    Case(
        id="default-upper-only",
        note="file with only [DEFAULT]: no sections, empty profile map (§1.2)",
        config=b"[DEFAULT]\nregion = us-east-1\n",
        credentials=b"[DEFAULT]\naws_access_key_id = " + AK + b"\n",
    ),
    Case(
        id="default-upper-twice",
        note="[DEFAULT] twice merges silently (not a DuplicateSectionError) (§1.2 strict)",
        config=b"[DEFAULT]\nregion = us-east-1\n[default]\n[DEFAULT]\noutput = json\n",
        credentials=None,
    ),
    Case(
        id="default-upper-twice-dup-key",
        note="the same key in two [DEFAULT] blocks -> DuplicateOptionError -> ConfigParseError (§1.2 strict)",
        config=b"[DEFAULT]\nregion = us-east-1\n[default]\n[DEFAULT]\nregion = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="default-upper-nested",
        note="a nested s3 block in [DEFAULT] becomes a dict in every section (§1.2, §1.5)",
        config=b"[DEFAULT]\ns3 =\n  addressing_style = path\n[default]\nregion = us-east-1\n[profile dev]\n",
        credentials=None,
    ),
    Case(
        id="default-upper-and-lower",
        note="[DEFAULT] and [default] both present: [default] is the profile and inherits [DEFAULT] keys (§1.2, §1.3)",
        config=b"[default]\nregion = us-east-1\n[DEFAULT]\noutput = json\nregion = us-west-2\n",
        credentials=None,
    ),
    Case(
        id="default-upper-credentials",
        note="[DEFAULT] in credentials injects access keys into every credentials section (§1.4 P26)",
        config=b"[profile b]\noutput = json\n[profile c]\nregion = us-west-2\n",
        credentials=(
            b"[DEFAULT]\naws_access_key_id = " + AK + b"\naws_secret_access_key = " + SK + b"\n"
            b"[b]\nregion = eu-west-1\n"
        ),
    ),
    Case(
        id="default-upper-both-files",
        note="[DEFAULT] in each file applies only to that file's sections; credentials values then win in the merge (§1.4)",
        config=b"[DEFAULT]\nregion = us-east-1\noutput = json\n[default]\n[profile dev]\n[profile cfg-only]\n",
        credentials=b"[DEFAULT]\nregion = eu-west-1\n[default]\naws_access_key_id = " + AK + b"\n[dev]\n[creds-only]\n",
    ),
    # ------------------------------------------------------------------
    # §1.5 nested sub-sections
    # ------------------------------------------------------------------
    Case(
        id="nested-s3-basic",
        note="s3 block: inner keys keep case, blank line and indented comment skipped (§1.5 P10)",
        config=(
            b"[default]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 20\n\n"
            b"  # comment inside block\n  Addressing_Style = path\n  signature_version = s3v4\noutput = json\n"
        ),
        credentials=None,
    ),
    Case(
        id="nested-colon-error",
        note="nested 'key: value' line has no '=' -> ConfigParseError (§1.5 P10b)",
        config=b"[default]\ns3 =\n  addressing_style: path\n",
        credentials=None,
    ),
    Case(
        id="nested-no-equals-error",
        note="nested line without '=' -> ConfigParseError for the whole file (§1.5 P10c)",
        config=b"[default]\nregion = us-east-1\n[profile dev]\ns3 =\n  addressing_style = path\n  use_accelerate_endpoint\n",
        credentials=None,
    ),
    Case(
        id="nested-not-nested-with-value",
        note="'s3 = x' + indented lines is a plain string 'x\\naddressing_style = path' (§1.5 P10d)",
        config=b"[default]\ns3 = x\n  addressing_style = path\n",
        credentials=None,
    ),
    Case(
        id="nested-split-first-equals",
        note="nested lines split on the first '=' only; '= v' gives key ''; 'k =' gives ''; later duplicate wins (§1.5)",
        config=b"[default]\ns3 =\n  a = b = c\n  = orphan\n  empty =\n  dup = 1\n  dup = 2\n",
        credentials=None,
    ),
    Case(
        id="nested-blank-first-line",
        note="'s3 =' followed by a blank line then indented lines is still nested (value starts with '\\n') (§1.5)",
        config=b"[default]\ns3 =\n\n  addressing_style = path\n",
        credentials=None,
    ),
    Case(
        id="nested-empty-block",
        note="'s3 =' with nothing indented after it is '' (not a dict) (§1.5)",
        config=b"[default]\ns3 =\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="nested-comment-only-block",
        note="'s3 =' followed only by an indented comment: comment dropped, value '' (§1.5, §1.2)",
        config=b"[default]\ns3 =\n  # addressing_style = path\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="nested-deeper-indent",
        note="deeper-indented nested lines are still one level: {'a': '1', 'b': '2'} (§1.5)",
        config=b"[default]\ns3 =\n  a = 1\n      b = 2\n",
        credentials=None,
    ),
    Case(
        id="nested-parent-key-lowered",
        note="'S3 =' parent key is lower-cased, nested keys are not (§1.2 optionxform, §1.5)",
        config=b"[default]\nS3 =\n  Addressing_Style = path\n  ADDRESSING_STYLE = virtual\n",
        credentials=None,
    ),
    Case(
        id="nested-splitlines-control-chars",
        note="nested value is str.splitlines()'d: FF/RS/NEL inside a nested line split it into extra keys (§1.5 _parse_nested)",
        config=b"[default]\ns3 =\n  a = 1\x0cb = 2\n  c = 3\x1ed = 4\n  e = 5\xc2\x85f = 6\n",
        credentials=None,
    ),
    Case(
        id="nested-splitlines-error",
        note="a form feed inside a nested line leaves a fragment without '=' -> ConfigParseError (§1.5)",
        config=b"[default]\ns3 =\n  addressing_style = path\x0cvirtual\n",
        credentials=None,
    ),
    Case(
        id="nested-in-credentials",
        note="credentials file also goes through _parse_nested: s3 block becomes a dict (§1.4, §1.5)",
        config=None,
        credentials=_DEFAULT_KEYS + b"s3 =\n  Addressing_Style = path\n",
    ),
    Case(
        id="nested-error-in-credentials",
        note="nested line without '=' in credentials -> ConfigParseError (§1.5)",
        config=b"[default]\nregion = us-east-1\n",
        credentials=_DEFAULT_KEYS + b"s3 =\n  addressing_style\n",
    ),
    Case(
        id="nested-multiple-blocks",
        note="several nested keys in one profile (s3, api_versions, proxies_config) (§1.5)",
        config=(
            b"[profile dev]\nregion = us-east-1\napi_versions =\n  ec2 = 2015-03-01\n  cloudfront = 2015-09-17\n"
            b"proxies_config =\n  proxy_use_forwarding_for_https = true\ns3 =\n  payload_signing_enabled = false\n"
        ),
        credentials=None,
    ),
    # ------------------------------------------------------------------
    # §1.4 merging the two files
    # ------------------------------------------------------------------
    Case(
        id="merge-overlapping-keys",
        note="same profile in both files: credentials keys override config keys, others kept (§1.4)",
        config=b"[profile dev]\nregion = us-east-1\noutput = json\n",
        credentials=b"[dev]\nregion = eu-west-1\naws_access_key_id = " + AK + b"\naws_secret_access_key = " + SK + b"\n",
    ),
    Case(
        id="merge-default-region",
        note="region in credentials [default] beats config [default] (§1.4 P24)",
        config=b"[default]\nregion = us-west-2\noutput = json\n",
        credentials=b"[default]\nregion = eu-west-1\n",
    ),
    Case(
        id="merge-key-case",
        note="'Region' in config and 'REGION' in credentials both lower-case to 'region'; credentials wins (§1.2, §1.4)",
        config=b"[default]\nRegion = us-west-2\n",
        credentials=b"[default]\nREGION = eu-west-1\n",
    ),
    Case(
        id="merge-nested-replaced-wholesale",
        note="dict.update replaces the config s3 dict with the credentials one, no deep merge (§1.4, §1.5)",
        config=b"[default]\ns3 =\n  addressing_style = path\n  signature_version = s3v4\n",
        credentials=b"[default]\ns3 =\n  addressing_style = virtual\n",
    ),
    Case(
        id="merge-nested-vs-string",
        note="config s3 nested dict, credentials s3 plain string: credentials string wins (§1.4, §1.5)",
        config=b"[default]\ns3 =\n  addressing_style = path\n",
        credentials=b"[default]\ns3 = off\n",
    ),
    Case(
        id="credentials-profile-prefix",
        note="credentials '[profile foo]' is a profile literally named 'profile foo', next to config 'foo' (§1.4 P21, P22)",
        config=b"[profile foo]\nregion = us-east-1\n",
        credentials=b"[profile foo]\naws_access_key_id = " + AK + b"\naws_secret_access_key = " + SK + b"\n",
    ),
    Case(
        id="credentials-profile-double-space",
        note="credentials '[profile  foo]' keeps the literal name with two spaces (no shlex there) (§1.4)",
        config=None,
        credentials=b"[profile  foo]\naws_access_key_id = " + AK + b"\n",
    ),
    Case(
        id="credentials-odd-section-names",
        note="credentials [sso-session s], [services x], [preview], [Default], [ default ] are all plain profile names (§1.4 C56)",
        config=b"[default]\nregion = us-east-1\n",
        credentials=(
            b"[sso-session s]\nsso_region = us-east-1\n[services x]\nfoo = bar\n[preview]\ncloudfront = true\n"
            b"[Default]\naws_access_key_id = " + AK + b"\n[ default ]\naws_access_key_id = " + AK2 + b"\n"
        ),
    ),
    Case(
        id="credentials-only-profile",
        note="a profile that exists only in the credentials file is added to profiles with its region (§1.4 P28)",
        config=b"[default]\nregion = us-east-1\n",
        credentials=b"[ci]\naws_access_key_id = " + AK + b"\naws_secret_access_key = " + SK + b"\nregion = ap-south-1\n",
    ),
    Case(
        id="credentials-default-merges-into-profile-default",
        note="config [default] then [profile default] (later wins) then credentials [default] update on top (§1.3 P08a, §1.4)",
        config=b"[default]\noutput = json\nregion = us-east-1\n[profile default]\nregion = us-west-2\n",
        credentials=b"[default]\naws_access_key_id = " + AK + b"\n",
    ),
    Case(
        id="credentials-dropped-config-name",
        note="config '[profile a b]' is dropped, but credentials '[a b]' defines profile 'a b' (§1.3, §1.4)",
        config=b"[profile a b]\nregion = us-east-1\n",
        credentials=b"[a b]\naws_access_key_id = " + AK + b"\n",
    ),
    Case(
        id="credentials-default-and-profile-default",
        note="credentials [default] and [profile default] are two profiles, 'default' and 'profile default' (§1.4 P21)",
        config=b"[profile default]\nregion = us-west-2\n",
        credentials=_DEFAULT_KEYS + b"[profile default]\naws_access_key_id = " + AK2 + b"\n",
    ),
    Case(
        id="credentials-continuation-blank-and-comment",
        note="credentials values continue across blank and comment lines: 'SK\\n\\ntail' (§1.2 empty_lines_in_values)",
        config=None,
        credentials=b"[default]\naws_access_key_id = " + AK + b"\naws_secret_access_key = " + SK + b"\n\n  # note\n  tail\n",
    ),
    Case(
        id="credentials-default-upper-twice-dup-key",
        note="same key in two [DEFAULT] blocks of the credentials file -> ConfigParseError (§1.2 strict)",
        config=b"[default]\nregion = us-east-1\n",
        credentials=b"[DEFAULT]\nregion = us-east-1\n[default]\n[DEFAULT]\nregion = eu-west-1\n",
    ),
    Case(
        id="credentials-empty-config-absent",
        note="empty credentials file and no config: {'profiles': {}} only (§1.1)",
        config=None,
        credentials=b"",
    ),
    Case(
        id="bare-name-and-profile-name",
        note="config '[dev]' (top-level section) next to '[profile dev]' (profile) with different keys (§1.3 P07, P23)",
        config=b"[dev]\nregion = us-east-1\n[profile dev]\nregion = eu-west-1\n",
        credentials=b"[dev]\noutput = text\n",
    ),
    Case(
        id="config-error-credentials-ok",
        note="duplicate section in config, clean credentials -> ConfigParseError (§1.2 either file fatal)",
        config=b"[default]\nregion = us-east-1\n[default]\noutput = json\n",
        credentials=_DEFAULT_KEYS,
    ),
    Case(
        id="config-absent-credentials-error",
        note="config missing, credentials has key before header -> ConfigParseError (§1.2)",
        config=None,
        credentials=b"aws_access_key_id = " + AK + b"\n",
    ),
    Case(
        id="duplicates-across-files-ok",
        note="each file is clean; the same keys appear in both files for the same profile -> merge, no error (§1.4)",
        config=b"[profile dev]\naws_access_key_id = " + AK + b"\nregion = us-east-1\n",
        credentials=b"[dev]\naws_access_key_id = " + AK2 + b"\nregion = us-east-1\n",
    ),
    # ------------------------------------------------------------------
    # realistic multi-profile layouts
    # ------------------------------------------------------------------
    Case(
        id="realistic-sso",
        note="SSO session + several SSO profiles + legacy SSO profile; credentials holds a static profile (§1.3, §1.4)",
        config=(
            b"[default]\nregion = us-east-1\noutput = json\n\n"
            b"[sso-session acme]\nsso_start_url = https://acme.awsapps.com/start\nsso_region = us-east-1\n"
            b"sso_registration_scopes = sso:account:access\n\n"
            b"[profile acme-dev]\nsso_session = acme\nsso_account_id = 111122223333\n"
            b"sso_role_name = AdministratorAccess\nregion = eu-west-1\n\n"
            b"[profile acme-prod]\nsso_session = acme\nsso_account_id = 444455556666\n"
            b"sso_role_name = ReadOnlyAccess\nregion = eu-central-1\ncli_pager =\n\n"
            b"[profile legacy]\nsso_start_url = https://legacy.awsapps.com/start\nsso_region = us-west-2\n"
            b"sso_account_id = 777788889999\nsso_role_name = PowerUser\n"
        ),
        credentials=_DEFAULT_KEYS + b"\n[personal]\naws_access_key_id = " + AK2 + b"\naws_secret_access_key = " + SK2 + b"\n",
    ),
    Case(
        id="realistic-roles",
        note="assume-role chain with source_profile, credential_source, mfa_serial, external_id; base keys in credentials (§1.4)",
        config=(
            b"[profile base]\nregion = us-east-1\n\n"
            b"[profile admin]\nrole_arn = arn:aws:iam::123456789012:role/Admin\nsource_profile = base\n"
            b"mfa_serial = arn:aws:iam::123456789012:mfa/alice\nduration_seconds = 3600\n\n"
            b"[profile deploy]\nrole_arn = arn:aws:iam::210987654321:role/Deploy\nsource_profile = admin\n"
            b"role_session_name = deploy-bot\nexternal_id = 0a1b2c\n\n"
            b"[profile ec2]\nrole_arn = arn:aws:iam::123456789012:role/FromInstance\n"
            b"credential_source = Ec2InstanceMetadata\n"
        ),
        credentials=b"[base]\naws_access_key_id = " + AK + b"\naws_secret_access_key = " + SK + b"\n",
    ),
    Case(
        id="realistic-services",
        note="services sections for local endpoints, profiles referencing them, global endpoint_url (§1.3, §1.5)",
        config=(
            b"[profile local]\nservices = localstack\nregion = us-east-1\nendpoint_url = http://localhost:4566\n"
            b"ignore_configured_endpoint_urls = false\n\n"
            b"[services localstack]\ns3 =\n  endpoint_url = http://localhost:4566\n"
            b"dynamodb =\n  endpoint_url = http://localhost:8000\n\n"
            b"[services staging]\nsqs =\n  endpoint_url = https://sqs.staging.example.com\n"
        ),
        credentials=b"[local]\naws_access_key_id = test\naws_secret_access_key = test\n",
    ),
    Case(
        id="realistic-cli-settings",
        note="CLI settings, top-level [plugins]/[preview], nested s3 transfer settings, process/web-identity profiles (§1.3, §1.5)",
        config=(
            b"[default]\nregion = us-west-2\noutput = yaml\ncli_pager =\ncli_auto_prompt = on-partial\n"
            b"s3 =\n  max_concurrent_requests = 20\n  multipart_threshold = 64MB\n  multipart_chunksize = 16MB\n\n"
            b"[profile proc]\ncredential_process = /usr/local/bin/get-creds --profile proc\n\n"
            b"[profile wid]\nrole_arn = arn:aws:iam::123456789012:role/wid\n"
            b"web_identity_token_file = /var/run/secrets/token\n\n"
            b"[plugins]\ncli_legacy_plugin_path = /usr/lib/python3/site-packages\nendpoint = awscli_plugin_endpoint\n\n"
            b"[preview]\nsdb = true\n"
        ),
        credentials=None,
    ),
    Case(
        id="realistic-tool-written-credentials",
        note="credentials written by saml2aws/aws-vault-style tools with session tokens and extra keys (§1.4)",
        config=b"[default]\nregion = us-east-1\n[profile saml]\nregion = us-west-2\n",
        credentials=(
            b"[saml]\naws_access_key_id        = ASIAIOSFODNN7EXAMPLE\naws_secret_access_key    = " + SK + b"\n"
            b"aws_session_token        = IQoJb3JpZ2luX2VjEXAMPLETOKEN==\n"
            b"aws_security_token       = IQoJb3JpZ2luX2VjEXAMPLETOKEN==\n"
            b"x_principal_arn          = arn:aws:sts::123456789012:assumed-role/Dev/alice\n"
            b"x_security_token_expires = 2026-01-01T00:00:00Z\n"
        ),
    ),
    Case(
        id="default-bad-nested-overridden-everywhere",
        note="a bad nested block in [DEFAULT] that every section overrides is never parsed: readable (§1.5)",
        config=b"[DEFAULT]\ns3 =\n  bad line\n[default]\ns3 = x\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="default-bad-nested-inherited-once",
        note="the same bad [DEFAULT] block inherited by one section: botocore refuses the file (§1.5)",
        config=b"[DEFAULT]\ns3 =\n  bad line\n[default]\ns3 = x\n[profile dev]\nregion = us-east-1\n",
        credentials=None,
    ),
    Case(
        id="realistic-windows-crlf",
        note="Windows-edited files: CRLF in both, trailing spaces, comments (§1.2 P18)",
        config=(
            b"# edited in Notepad\r\n[default]\r\nregion = us-east-1   \r\noutput = json\r\n\r\n"
            b"[profile dev]\r\nrole_arn = arn:aws:iam::123456789012:role/Dev\r\nsource_profile = default\r\n"
        ),
        credentials=_DEFAULT_KEYS.replace(b"\n", b"\r\n"),
    ),
]
