// The dossierlint extension: starts `dossierlint server` for Markdown files and
// lets vscode-languageclient do the rest (diagnostics, code actions, hover, completion).
"use strict";

const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate() {
  const [command, ...args] = vscode.workspace
    .getConfiguration("dossierlint")
    .get("command", ["dossierlint", "server"]);
  client = new LanguageClient(
    "dossierlint",
    "dossierlint",
    { command, args },
    { documentSelector: [{ scheme: "file", language: "markdown" }] },
  );
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
