"""The language server: pygls wiring, debounced linting, and the never-crash guard.

Documents are synced whole (`TextDocumentSyncKind.Full`): pygls applies
incremental changes on lines split by `str.splitlines`, which also breaks at
characters the LSP does not count as line ends (U+2028, form feed), so an
edit could land on the wrong line; a dossier is small enough to resend.

Every handler runs under `guarded`: an exception becomes a
`window/logMessage` and the handler's empty answer, and the server carries
on. A message that is not JSON is logged the same way; a request whose
parameters do not fit its method is also answered with an error (pygls
alone would leave the editor waiting for that answer).
"""

from __future__ import annotations

import asyncio
import functools
import os
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from dossierlint import __version__
from dossierlint.errors import UsageError
from dossierlint.findings import Finding
from dossierlint.records import Record
from dossierlint.server import actions, completion, navigation
from dossierlint.server.diagnostics import rules_doc_base, to_diagnostic
from dossierlint.server.positions import TextLines
from dossierlint.server.project import Project, Projects

DEBOUNCE_SECONDS = 0.2
"""Quiet time after a change before linting (typing produces a burst of changes)."""
SETTINGS_FILES = ("pyproject.toml", ".dossierlint.toml")


class Linted(Record):
    """One version of an open dossier, its findings, and their diagnostics."""

    text: str
    lines: TextLines
    project: Project
    path: Path
    findings: list[Finding]
    diagnostics: dict[Finding, types.Diagnostic]


class _Protocol(LanguageServerProtocol):
    def structure_message(self, data: dict[str, Any]) -> Any:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if "method" in data and "id" in data:  # a request: its sender waits for an answer
                self._send_response(data["id"], error=error.to_response_error())
            raise


class DossierServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__(
            "dossierlint",
            __version__,
            text_document_sync_kind=types.TextDocumentSyncKind.Full,
            protocol_cls=_Protocol,
        )
        self.projects = Projects()
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.debounce = DEBOUNCE_SECONDS
        self.rules_url: str | None = None
        self.said: set[str] = set()
        """Messages already logged once (a file outside the collection, bad settings)."""

    def report_server_error(self, error: Exception, source: Any) -> None:
        """A message pygls could not handle (not JSON, not LSP): logged, never a popup."""
        self.log(f"dossierlint: could not handle a message: {type(error).__name__}: {error}")

    def log(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def log_once(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        """Log a message the first time only; an error is also shown to the user."""
        if message in self.said:
            return
        self.said.add(message)
        self.log(message, kind)
        if kind == types.MessageType.Error:
            self.window_show_message(types.ShowMessageParams(type=kind, message=message))

    @property
    def encoding(self) -> str:
        return self.workspace.position_encoding or types.PositionEncodingKind.Utf16

    def text_of(self, uri: str) -> str | None:
        document = self.workspace.text_documents.get(uri)
        return None if document is None else document.source

    def open_texts(self) -> dict[Path, str]:
        texts = {}
        for uri, document in self.workspace.text_documents.items():
            path = _path(uri)
            if path is not None:
                texts[path] = document.source
        return texts

    def project_of(self, path: Path) -> Project | None:
        """The project whose collection holds `path`; None (said once) for any other file."""
        try:
            project = self.projects.for_path(path)
        except UsageError as error:
            self.log_once(f"dossierlint: {error}", types.MessageType.Error)
            return None
        if not project.holds(path):
            self.log_once(
                f"dossierlint: {path} is not in the dossiers folder "
                f"({project.config.dossiers}): not checked"
            )
            return None
        return project

    def lint(self, uri: str) -> Linted | None:
        """Lint the open text of `uri` now; None when it is not a dossier of a collection."""
        text = self.text_of(uri)
        path = _path(uri)
        if text is None or path is None:
            return None
        known = self.linted.get(uri)
        if known is not None and known.text == text:
            return known
        project = self.project_of(path)
        if project is None:
            return None
        self.edited(project, uri, path, text)
        findings = project.lint(path, text)
        lines = TextLines(text, self.encoding)
        base = rules_doc_base(self.rules_url, project.config.root)
        diagnostics = {finding: to_diagnostic(finding, lines, base) for finding in findings}
        linted = Linted(text, lines, project, path, findings, diagnostics)
        self.linted[uri] = linted
        return linted

    def edited(self, project: Project, uri: str, path: Path, text: str) -> None:
        """Index the text of `uri`; when that changes the index, re-lint the other dossiers."""
        if project.edited(path, text):
            self.relint_others(project, uri)

    def publish(self, uri: str) -> None:
        linted = self.lint(uri)
        document = self.workspace.text_documents.get(uri)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(
                uri=uri,
                version=document.version if document else None,
                diagnostics=list(linted.diagnostics.values()) if linted else [],
            )
        )

    def schedule(self, uri: str, delay: float) -> None:
        """Lint and publish `uri` after `delay` seconds, replacing a lint already waiting."""
        waiting = self.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        self.pending[uri] = asyncio.get_running_loop().create_task(self._later(uri, delay))

    async def _later(self, uri: str, delay: float) -> None:
        if delay > 0:
            await asyncio.sleep(delay)
        self.pending.pop(uri, None)
        try:
            self.publish(uri)
        except Exception as error:
            self.log(_internal(f"linting {uri}", error))

    def relint_others(self, project: Project, uri: str) -> None:
        """The index changed: the other open dossiers of `project` may read differently."""
        for other, linted in list(self.linted.items()):
            if other != uri and linted.project is project:
                del self.linted[other]
                self.schedule(other, 0)

    def relint_all(self) -> None:
        self.linted.clear()
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, 0)


def _path(uri: str) -> Path | None:
    """The file a `file:` URI names (the real path, so links compare equal); else None."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    return Path(os.path.realpath(path)) if path else None


def _internal(doing: str, error: Exception) -> str:
    where = traceback.extract_tb(error.__traceback__)[-1:] if error.__traceback__ else []
    place = f" at {where[0].filename}:{where[0].lineno}" if where else ""
    return f"dossierlint: internal error {doing}: {type(error).__name__}: {error}{place}"


def guarded(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Run a handler so that an exception is logged and answered with None."""

    @functools.wraps(handler)
    def run(ls: DossierServer, params: Any) -> Any:
        try:
            return handler(ls, params)
        except Exception as error:
            if os.environ.get("DOSSIERLINT_DEBUG"):
                raise
            ls.log(_internal(f"in {handler.__name__}", error))
            return None

    return run


def create_server() -> DossierServer:
    server = DossierServer()

    @server.feature(types.INITIALIZE)
    @guarded
    def initialize(ls: DossierServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        if not isinstance(options, dict):
            return
        debounce = options.get("debounceMs")
        if isinstance(debounce, int | float) and not isinstance(debounce, bool) and debounce >= 0:
            ls.debounce = min(debounce, 10_000) / 1000
        url = options.get("rulesUrl")
        if isinstance(url, str) and url:
            ls.rules_url = url

    @server.feature(types.INITIALIZED)
    @guarded
    def initialized(ls: DossierServer, params: types.InitializedParams) -> None:
        watched = ls.client_capabilities.workspace
        dynamic = watched and watched.did_change_watched_files
        if not (dynamic and dynamic.dynamic_registration):
            return
        watchers = [types.FileSystemWatcher(glob_pattern=glob) for glob in ("**/*.md", "**/*.toml")]
        registration = types.Registration(
            id="dossierlint-watched-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        ls.client_register_capability(types.RegistrationParams(registrations=[registration]))

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    @guarded
    def did_open(ls: DossierServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    @guarded
    def did_change(ls: DossierServer, params: types.DidChangeTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE)
    @guarded
    def did_save(ls: DossierServer, params: types.DidSaveTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    @guarded
    def did_close(ls: DossierServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        waiting = ls.pending.pop(uri, None)
        if waiting is not None:
            waiting.cancel()
        linted = ls.linted.pop(uri, None)
        if linted is not None and linted.project.closed(linted.path):
            ls.relint_others(linted.project, uri)
        ls.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=[])
        )

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    @guarded
    def did_change_watched_files(
        ls: DossierServer, params: types.DidChangeWatchedFilesParams
    ) -> None:
        for change in params.changes:
            path = _path(change.uri)
            if path is None:
                continue
            if path.suffix == ".toml":
                ls.projects.reset()  # settings or house rules: start afresh
                ls.relint_all()
                return
            for project in ls.projects:
                if project.holds(path) and project.changed_on_disk(path):
                    ls.relint_others(project, "")

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=actions.KINDS, resolve_provider=False),
    )
    @guarded
    def code_action(ls: DossierServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        uri = params.text_document.uri
        linted = ls.lint(uri)
        if linted is None:
            return []
        project, path = linted.project, linted.path
        return actions.code_actions(
            uri,
            linted.lines,
            linted.findings,
            linted.diagnostics,
            params.range,
            params.context.only,
            lambda data: project.linter.lint_data(path, data, project.collection),
        )

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    @guarded
    def hover(ls: DossierServer, params: types.HoverParams) -> types.Hover | None:
        linted = ls.lint(params.text_document.uri)
        if linted is None:
            return None
        return navigation.hover(
            linted.lines, params.position, linted.findings, linted.project, ls.open_texts()
        )

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    @guarded
    def definition(ls: DossierServer, params: types.DefinitionParams) -> types.Location | None:
        linted = ls.lint(params.text_document.uri)
        if linted is None:
            return None
        return navigation.definition(linted.lines, params.position, linted.project)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    @guarded
    def document_symbol(
        ls: DossierServer, params: types.DocumentSymbolParams
    ) -> list[types.DocumentSymbol]:
        text = ls.text_of(params.text_document.uri)
        return [] if text is None else navigation.outline(TextLines(text, ls.encoding))

    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION,
        types.CompletionOptions(trigger_characters=completion.TRIGGERS),
    )
    @guarded
    def complete(ls: DossierServer, params: types.CompletionParams) -> types.CompletionList | None:
        uri = params.text_document.uri
        text, path = ls.text_of(uri), _path(uri)
        project = ls.project_of(path) if text is not None and path is not None else None
        if project is None:
            return None
        ls.edited(project, uri, path, text)
        lines = TextLines(text, ls.encoding)
        return completion.complete(lines, params.position, project, path.stem)

    return server
