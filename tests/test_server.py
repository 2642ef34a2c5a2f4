"""`dossierlint server` end to end: the real server over stdio, driven by pytest-lsp's client.

Each test starts `python -m dossierlint server` in a project in tmp_path and
talks LSP to it as an editor would. Waits are bounded (a hung server fails
the test instead of hanging it), never timed.
"""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import pytest_lsp
from conftest import Project, reference_text, replace_once
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

SERVER = [sys.executable, "-m", "dossierlint", "server"]
WAIT = 60  # seconds before a missing answer fails the test (a hang guard, not a timing)
COMPARISONS = "- [[china-mao]] — relationship: structural (communist successor state)"


def _dossier(title: str, dates: str = "1949-1976") -> str:
    text = replace_once(reference_text(), "# The Soviet Union Under Joseph Stalin", f"# {title}")
    return replace_once(text, "| **Dates** | 1924-1953 |", f"| **Dates** | {dates} |")


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = Project(tmp_path)
    project.write_reference()
    project.write("germany-hitler.md", _dossier("Germany Under Adolf Hitler", "1933-1945"))
    return project


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def client(lsp_client: LanguageClient, project: Project):
    @lsp_client.feature(types.CLIENT_REGISTER_CAPABILITY)
    def register(params: types.RegistrationParams) -> None:
        """The server asks to be told of changed files (VS Code's capabilities allow it)."""
        lsp_client.registrations = [r.method for r in params.registrations]

    params = types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        root_uri=project.root.as_uri(),
        initialization_options={"debounceMs": 0},
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


@pytest_lsp.fixture(config=ClientServerConfig(server_command=SERVER))
async def debounced_client(lsp_client: LanguageClient, project: Project):
    """A server that waits 1.5 s after a change: longer than any pause between the test's sends."""
    params = types.InitializeParams(
        capabilities=types.ClientCapabilities(), initialization_options={"debounceMs": 1500}
    )
    await lsp_client.initialize_session(params)
    yield
    await lsp_client.shutdown_session()


def uri_of(path: Path) -> str:
    return path.resolve().as_uri()


def open_document(client: LanguageClient, path: Path, text: str | None = None) -> str:
    uri = uri_of(path)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri,
                language_id="markdown",
                version=1,
                text=path.read_text(encoding="utf-8") if text is None else text,
            )
        )
    )
    return uri


def change_document(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


async def diagnostics(client: LanguageClient, uri: str, version: int = 1) -> list[types.Diagnostic]:
    """The diagnostics published for `uri` at `version` (waiting for them if need be)."""

    async def wait() -> list[types.Diagnostic]:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri and params.version == version:
                return list(params.diagnostics)

    return await asyncio.wait_for(wait(), WAIT)


def codes(found: list[types.Diagnostic]) -> list[str]:
    return [str(d.code) for d in found]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.split("\n")) if needle in line)


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP edits to an ASCII/BMP text with LF endings (as the tests' texts are)."""
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)

    def offset(position: types.Position) -> int:
        return min(starts[position.line] + position.character, len(text))

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        text = text[: offset(edit.range.start)] + edit.new_text + text[offset(edit.range.end) :]
    return text


def position_after(text: str, needle: str) -> types.Position:
    line = line_of(text, needle)
    return types.Position(line=line, character=text.split("\n")[line].index(needle) + len(needle))


@pytest.mark.asyncio
async def test_misspelled_heading_is_flagged_at_its_text_and_the_quick_fix_clears_it(
    client: LanguageClient, project: Project
):
    text = replace_once(reference_text(), "## Overview", "## Overveiw")
    path = project.write("soviet-union-stalin.md", text)
    uri = open_document(client, path)
    found = await diagnostics(client, uri)
    heading = next(d for d in found if d.code == "DL108")
    line = line_of(text, "## Overveiw")
    assert heading.range == types.Range(
        start=types.Position(line=line, character=3), end=types.Position(line=line, character=11)
    )
    assert heading.severity == types.DiagnosticSeverity.Error
    assert heading.source == "dossierlint"
    assert heading.code_description.href.endswith("rules.md#dl108")

    offered = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=heading.range,
            context=types.CodeActionContext(diagnostics=[heading]),
        )
    )
    fix = next(a for a in offered if a.title.startswith("Fix DL108"))
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    fixed = apply_edits(text, fix.edit.changes[uri])
    assert "## Overview\n" in fixed and "Overveiw" not in fixed
    change_document(client, uri, 2, fixed)
    assert "DL108" not in codes(await diagnostics(client, uri, 2))


@pytest.mark.asyncio
async def test_unsafe_fixes_are_labelled_and_not_preferred(
    client: LanguageClient, project: Project
):
    text = replace_once(reference_text(), "type: secondary", "type: secondry")
    uri = open_document(client, project.write("soviet-union-stalin.md", text))
    found = next(d for d in await diagnostics(client, uri) if d.code == "DL202")
    assert text.split("\n")[found.range.start.line][
        found.range.start.character : found.range.end.character
    ] == ("secondry")
    offered = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=found.range,
            context=types.CodeActionContext(diagnostics=[found]),
        )
    )
    fix = next(a for a in offered if a.title.startswith("Fix DL202"))
    assert fix.title.endswith("(unsafe)") and not fix.is_preferred


@pytest.mark.asyncio
async def test_ranges_count_utf16_code_units(client: LanguageClient, project: Project):
    """VS Code counts columns in UTF-16: an emoji before the finding is two units, not one."""
    text = replace_once(reference_text(), "[World History Encyclopedia]", "[World History 🌍]")
    text = replace_once(text, "type: secondary", "type: secondry")
    uri = open_document(client, project.write("soviet-union-stalin.md", text))
    found = next(d for d in await diagnostics(client, uri) if d.code == "DL202")
    line = text.split("\n")[found.range.start.line]
    prefix = line[: line.index("secondry")]
    units = len(prefix.encode("utf-16-le")) // 2
    assert units == len(prefix) + 1
    assert (found.range.start.character, found.range.end.character) == (units, units + 8)


@pytest.mark.asyncio
async def test_fix_all_applies_every_safe_fix(client: LanguageClient, project: Project):
    text = replace_once(reference_text(), "## Overview", "## Overveiw")
    text = replace_once(text, "**Overall**: High", "**Overall**: high")
    uri = open_document(client, project.write("soviet-union-stalin.md", text))
    assert {"DL108", "DL303"} <= set(codes(await diagnostics(client, uri)))
    offered = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(
                start=types.Position(line=0, character=0), end=types.Position(line=0, character=0)
            ),
            context=types.CodeActionContext(
                diagnostics=[], only=[types.CodeActionKind.SourceFixAll]
            ),
        )
    )
    assert [a.kind for a in offered] == ["source.fixAll.dossierlint"]
    change_document(client, uri, 2, apply_edits(text, offered[0].edit.changes[uri]))
    remaining = codes(await diagnostics(client, uri, 2))
    assert "DL108" not in remaining and "DL303" not in remaining


@pytest.mark.asyncio
async def test_disable_for_this_line_inserts_a_suppression_that_works(
    client: LanguageClient, project: Project
):
    text = replace_once(reference_text(), "## Scholarly Debate", "## Scholarly Debate\n\n## Legacy")
    uri = open_document(client, project.write("soviet-union-stalin.md", text))
    unknown = next(d for d in await diagnostics(client, uri) if d.code == "DL107")
    offered = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=unknown.range,
            context=types.CodeActionContext(diagnostics=[unknown]),
        )
    )
    disable = next(a for a in offered if a.title == "Disable DL107 for this line")
    suppressed = apply_edits(text, disable.edit.changes[uri])
    assert "<!-- dossierlint-disable-next-line DL107 -->\n## Legacy" in suppressed
    change_document(client, uri, 2, suppressed)
    after = codes(await diagnostics(client, uri, 2))
    assert "DL107" not in after and "DL001" not in after


@pytest.mark.asyncio
async def test_completion_after_double_bracket_lists_the_collections_slugs(
    client: LanguageClient, project: Project
):
    text = replace_once(reference_text(), COMPARISONS, COMPARISONS + "\n- [[")
    uri = open_document(client, project.write("soviet-union-stalin.md", text))
    await diagnostics(client, uri)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_after(text, "- [["),
        )
    )
    items = {item.label: item for item in result.items}
    assert set(items) == {"germany-hitler"}  # the dossier itself is left out
    assert items["germany-hitler"].detail == "Germany Under Adolf Hitler"
    assert items["germany-hitler"].text_edit.new_text == "germany-hitler]]"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("| type: ", ["encyclopedia", "academic", "secondary"]),
        ("— relationship: ", ["thematic", "structural"]),
        ("**Overall**: ", ["High", "Medium", "Low"]),
    ],
)
@pytest.mark.asyncio
async def test_completion_offers_the_house_vocabularies(
    client: LanguageClient, project: Project, typed: str, expected: list[str]
):
    text = replace_once(reference_text(), "## Scholarly Debate", f"{typed}\n\n## Scholarly Debate")
    uri = open_document(client, project.write("soviet-union-stalin.md", text))
    await diagnostics(client, uri)
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=position_after(text, typed),
        )
    )
    labels = [item.label for item in result.items]
    assert labels[: len(expected)] == expected


@pytest.mark.asyncio
async def test_completion_of_a_heading_offers_the_missing_sections_in_order(
    client: LanguageClient, project: Project
):
    text = reference_text()
    for title in ("Aftermath", "Classification"):
        start = text.index(f"## {title}\n")
        text = text[:start] + text[text.index("\n## ", start + 1) + 1 :]
    text += "\n## "
    uri = open_document(client, project.write("soviet-union-stalin.md", text))
    await diagnostics(client, uri)
    last = text.split("\n")
    result = await client.text_document_completion_async(
        types.CompletionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=len(last) - 1, character=3),
        )
    )
    assert [item.label for item in result.items] == ["Classification", "Aftermath"]


@pytest.mark.asyncio
async def test_hover_and_definition_on_a_link_and_hover_on_a_finding(
    client: LanguageClient, project: Project
):
    text = replace_once(
        reference_text(),
        COMPARISONS,
        COMPARISONS + "\n- [[germany-hitler]] — relationship: thematic (x)",
    )
    uri = open_document(client, project.write("soviet-union-stalin.md", text))
    found = await diagnostics(client, uri)
    link = position_after(text, "- [[germany-hi")
    document = types.TextDocumentIdentifier(uri=uri)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=link)
    )
    assert "Germany Under Adolf Hitler" in hover.contents.value
    assert "1933–1945" in hover.contents.value
    where = await client.text_document_definition_async(
        types.DefinitionParams(text_document=document, position=link)
    )
    assert where.uri == uri_of(project.dossiers / "germany-hitler.md")

    unresolved = next(d for d in found if d.code == "DL501")  # [[china-mao]]
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=unresolved.range.start)
    )
    assert "no dossier `china-mao.md`" in hover.contents.value
    home_page = next(d for d in found if d.code == "DL208")
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=document, position=home_page.range.end)
    )
    assert "### DL208" in hover.contents.value


@pytest.mark.asyncio
async def test_document_symbols_are_the_section_outline(client: LanguageClient, project: Project):
    uri = open_document(client, project.dossiers / "soviet-union-stalin.md")
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    [title] = symbols
    assert title.name == "The Soviet Union Under Joseph Stalin"
    sections = [child.name for child in title.children]
    assert sections[:3] == ["Overview", "Key Figures", "Classification"]
    assert sections[-1] == "Confidence Assessment"
    pre = next(child for child in title.children if child.name == "Pre-Conditions")
    assert pre.children[0].name == "The Russian Revolution (1917)"


@pytest.mark.asyncio
async def test_the_index_follows_open_buffers_and_files_changed_on_disk(
    client: LanguageClient, project: Project
):
    uri = open_document(client, project.dossiers / "soviet-union-stalin.md")
    unresolved = [d for d in await diagnostics(client, uri) if d.code == "DL501"]
    assert len(unresolved) == 1  # [[china-mao]]: germany-hitler.md exists

    # An unsaved new dossier in the editor: the link resolves against it.
    mao = project.dossiers / "china-mao.md"
    open_document(client, mao, _dossier("China Under Mao Zedong"))
    assert "DL501" not in codes(await diagnostics(client, uri))

    # Closed without saving: the link is unresolved again.
    client.text_document_did_close(
        types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri_of(mao))
        )
    )
    assert "DL501" in codes(await diagnostics(client, uri))

    # Written on disk by another program, announced by the file watcher it registered.
    assert client.registrations == [types.WORKSPACE_DID_CHANGE_WATCHED_FILES]
    mao.write_text(_dossier("China Under Mao Zedong"), encoding="utf-8")
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri_of(mao), type=types.FileChangeType.Created)]
        )
    )
    assert "DL501" not in codes(await diagnostics(client, uri))


@pytest.mark.asyncio
async def test_a_burst_of_changes_is_linted_once_for_the_last_version_then_a_save(
    debounced_client: LanguageClient, project: Project
):
    client = debounced_client
    text = reference_text()
    uri = open_document(client, project.dossiers / "soviet-union-stalin.md")
    await diagnostics(client, uri)  # on open: at once
    misspelled = replace_once(text, "## Overview", "## Overveiw")
    for version, body in ((2, misspelled), (3, text), (4, misspelled)):
        change_document(client, uri, version, body)

    async def next_publish() -> types.PublishDiagnosticsParams:
        while True:
            params = await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
            if params.uri == uri:
                return params

    published = await asyncio.wait_for(next_publish(), WAIT)
    assert published.version == 4 and "DL108" in codes(list(published.diagnostics))

    change_document(client, uri, 5, text)
    client.text_document_did_save(
        types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    published = await asyncio.wait_for(next_publish(), WAIT)
    assert published.version == 5 and "DL108" not in codes(list(published.diagnostics))


@pytest.mark.asyncio
async def test_broken_settings_are_shown_once_and_fixing_them_lints_again(
    client: LanguageClient, project: Project
):
    settings = project.root / "pyproject.toml"
    settings.write_text('[tool.dossierlint]\ndossiers = "dossiers"\nselekt = ["DL1"]\n')
    text = replace_once(reference_text(), "## Overview", "## Overveiw")
    uri = open_document(client, project.write("soviet-union-stalin.md", text))
    assert await diagnostics(client, uri) == []
    [shown] = [m.message for m in client.messages]
    assert "pyproject.toml: unknown key 'selekt'" in shown

    settings.write_text('[tool.dossierlint]\ndossiers = "dossiers"\n')
    client.workspace_did_change_watched_files(
        types.DidChangeWatchedFilesParams(
            changes=[types.FileEvent(uri=uri_of(settings), type=types.FileChangeType.Changed)]
        )
    )
    assert "DL108" in codes(await diagnostics(client, uri))


@pytest.mark.asyncio
async def test_a_document_outside_the_collection_gets_no_diagnostics(
    client: LanguageClient, project: Project
):
    readme = project.root / "README.md"
    readme.write_text("# Notes\n\nNot a dossier.  \n", encoding="utf-8")
    uri = open_document(client, readme)
    assert await diagnostics(client, uri) == []
    assert any("not in the dossiers folder" in m.message for m in client.log_messages)
    hover = await client.text_document_hover_async(
        types.HoverParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=types.Position(line=0, character=2),
        )
    )
    assert hover is None


@pytest.mark.asyncio
async def test_a_huge_document_is_linted_and_the_server_stays_responsive(
    client: LanguageClient, project: Project
):
    paragraph = "The archives were opened in 1991 and studied at length. " * 40 + "\n\n"
    text = replace_once(
        reference_text(), "## Scholarly Debate", paragraph * 2000 + "## Scholarly Debate"
    )
    assert len(text) > 4_000_000
    uri = open_document(client, project.write("soviet-union-stalin.md", text))
    found = await diagnostics(client, uri)
    assert "DL501" in codes(found)
    symbols = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert symbols[0].name == "The Soviet Union Under Joseph Stalin"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\ud800 lone surrogate\n",
        "# T\u2028itle\r\n## Overview\r| a |\x00\n",
        "[[" * 5000,
        "## \n" * 3000,
    ],
    ids=["empty", "surrogate", "odd-line-breaks", "brackets", "empty-headings"],
)
@pytest.mark.asyncio
async def test_any_text_is_answered(client: LanguageClient, project: Project, text: str):
    uri = open_document(client, project.dossiers / "odd.md", text)
    await diagnostics(client, uri)
    document = types.TextDocumentIdentifier(uri=uri)
    end = types.Position(line=10**6, character=10**6)
    await client.text_document_completion_async(
        types.CompletionParams(text_document=document, position=end)
    )
    await client.text_document_hover_async(types.HoverParams(text_document=document, position=end))
    await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=document,
            range=types.Range(start=types.Position(line=0, character=0), end=end),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=document)
    )
    assert not any("internal error" in m.message for m in client.log_messages)


# --- the raw protocol: bytes written to the server's stdin --------------------------------


def _frame(message: dict) -> bytes:
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _responses(stdout: bytes) -> list[dict]:
    found = []
    while stdout:
        header, _, rest = stdout.partition(b"\r\n\r\n")
        length = int(header.split(b"Content-Length: ")[1].split(b"\r\n")[0])
        found.append(json.loads(rest[:length]))
        stdout = rest[length:]
    return found


def test_malformed_messages_are_logged_and_the_server_answers_what_follows(tmp_path: Path):
    Project(tmp_path).write_reference()
    garbage = (
        b"Content-Length: 12\r\n\r\n{not json!!}"  # a body that is not JSON
        + _frame({"jsonrpc": "2.0", "method": "no/such", "params": 3})  # not LSP
        + b"this is no header\r\n\r\n"  # a stray line between messages
    )
    session = (
        garbage
        + _frame(
            {
                "jsonrpc": "2.0",
                "id": 1,
                "method": "initialize",
                "params": {"processId": None, "rootUri": tmp_path.as_uri(), "capabilities": {}},
            }
        )
        + _frame({"jsonrpc": "2.0", "method": "initialized", "params": {}})
        + _frame({"jsonrpc": "2.0", "id": 9, "method": "textDocument/hover", "params": None})
        + _frame({"jsonrpc": "2.0", "id": 2, "method": "shutdown"})
        + _frame({"jsonrpc": "2.0", "method": "exit"})
    )
    result = subprocess.run(SERVER, input=session, capture_output=True, timeout=WAIT, cwd=tmp_path)
    assert result.returncode == 0, result.stderr.decode()
    messages = _responses(result.stdout)
    by_id = {m.get("id"): m for m in messages if "id" in m}
    assert by_id[1]["result"]["serverInfo"]["name"] == "dossierlint"
    assert by_id[1]["result"]["capabilities"]["completionProvider"]["triggerCharacters"]
    assert by_id[2]["result"] is None
    assert by_id[9]["error"]["code"] == -32602  # invalid params: answered, not left waiting
    logged = [m["params"]["message"] for m in messages if m.get("method") == "window/logMessage"]
    assert any("could not handle a message" in line for line in logged)


def test_without_pygls_the_command_says_how_to_install_it(tmp_path: Path):
    blocker = tmp_path / "blocker" / "pygls"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('pygls blocked for this test')\n")
    env = {**os.environ, "PYTHONPATH": str(blocker.parent)}
    result = subprocess.run(
        SERVER, capture_output=True, text=True, timeout=WAIT, cwd=tmp_path, env=env
    )
    assert result.returncode == 2
    assert "pip install 'dossierlint[server]'" in result.stderr
    assert result.stdout == ""
