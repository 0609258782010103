"""Hypothesis strategies for structured AWS config and credentials files (as bytes)."""

from __future__ import annotations

from hypothesis import strategies as st


NAMES = st.sampled_from(["dev", "prod", "a b", "'q", '"x y"', "DEFAULT", "default", "", " ", "ü", "x]y", "[", "p#1"])


HEADERS = st.one_of(
    st.builds(lambda n: f"[profile {n}]", NAMES),
    st.builds(lambda n: f"[sso-session {n}]", NAMES),
    st.builds(lambda n: f"[services {n}]", NAMES),
    st.sampled_from(
        [
            "[default]", "[DEFAULT]", "[profile]", "[ profile  dev ]", "[profile dev] # c", "[]", "[ ]", "[[x]]",
            "[profile dev", "profile dev]", "  [default]", "\t[profile x]", "[profile x]]", "[profile\tx]",
            "[default] trailing", "[preview]", "[plugins]",
        ]
    ),
    st.builds(lambda n: f"[{n}]", st.text(max_size=8)),
)


KEYS = st.one_of(
    st.sampled_from(
        [
            "region", "output", "role_arn", "source_profile", "credential_source", "mfa_serial", "sso_session",
            "sso_account_id", "sso_role_name", "sso_start_url", "sso_region", "aws_access_key_id",
            "aws_secret_access_key", "aws_session_token", "aws_security_token", "credential_process",
            "web_identity_token_file", "login_session", "services", "s3", "sts", "endpoint_url",
            "sts_regional_endpoints", "duration_seconds", "max_attempts", "retry_mode", "cli_pager",
            "Region", "REGION", "aws_secret_key", "regoin", "", "k e y", "[x",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=10),
)


VALUES = st.one_of(
    st.sampled_from(
        [
            "us-east-1", "eu-west-1", "ap-east-1", "us-gov-west-1", "mars-1", "json", "yaml", "text",
            "arn:aws:iam::111122223333:role/Admin", "arn:aws:iam::111122223333:mfa/me", "dev", "prod",
            "https://sts.amazonaws.com", "https://example.awsapps.com/start", "Environment", "Ec2InstanceMetadata",
            "3600", "-1", "1e9", "true", "legacy", "regional", "", "~/token", "/bin/echo '{\"Version\": 1}'",
            "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "111122223333",
        ]
    ),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=20),
)


INLINE = st.sampled_from(["", " # comment", " ; c", "# no space", " #", "\t# tab"])


@st.composite
def option_lines(draw: st.DrawFn) -> list[str]:
    """A key line, maybe with an inline comment, continuation lines or a nested block."""
    key, value = draw(KEYS), draw(VALUES)
    sep = draw(st.sampled_from([" = ", "=", " =", ": ", ":", " : ", " ", "\t=\t"]))
    indent = draw(st.sampled_from(["", "", "", " ", "\t"]))
    lines = [f"{indent}{key}{sep}{value}{draw(INLINE)}"]
    kind = draw(st.sampled_from(["plain", "plain", "continuation", "nested"]))
    if kind == "continuation":
        lines += [f"{indent}  {draw(VALUES)}" for _ in range(draw(st.integers(1, 3)))]
    elif kind == "nested":
        lines[0] = f"{indent}{key} ="
        for _ in range(draw(st.integers(0, 4))):
            lines.append(f"{indent}  {draw(KEYS)}{draw(st.sampled_from([' = ', '=', ' ']))}{draw(VALUES)}")
    return lines


OTHER_LINES = st.sampled_from(["", "   ", "# comment", "; comment", "  # indented comment", "garbage", "= v", "\x0c"])


@st.composite
def aws_file(draw: st.DrawFn) -> bytes:
    """A whole config or credentials file, as bytes."""
    lines: list[str] = draw(st.lists(OTHER_LINES, max_size=2))
    headers: list[str] = []
    for _ in range(draw(st.integers(0, 6))):
        repeat = headers and draw(st.integers(0, 4)) == 0  # duplicate section
        header = draw(st.sampled_from(headers)) if repeat else draw(HEADERS)
        headers.append(header)
        lines.append(header)
        for _ in range(draw(st.integers(0, 5))):
            if draw(st.integers(0, 5)) == 0:
                lines.append(draw(OTHER_LINES))
            else:
                block = draw(option_lines())
                lines += block
                if draw(st.integers(0, 6)) == 0:  # duplicate key, maybe in another case
                    lines.append(block[0].upper())
    endings = draw(st.sampled_from(["\n", "\r\n", "\r", "mixed"]))
    if endings == "mixed":
        text = "".join(line + draw(st.sampled_from(["\n", "\r\n", "\r"])) for line in lines)
    else:
        text = endings.join(lines) + (endings if draw(st.booleans()) else "")
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-le", "latin-1"]))
    return text.encode(encoding, errors="replace")
