-- dossierlint in Neovim 0.11+: put in init.lua (or lsp/dossierlint.lua without the enable line).
vim.lsp.config('dossierlint', {
  cmd = { 'dossierlint', 'server' },
  filetypes = { 'markdown' },
  root_markers = { '.dossierlint.toml', 'pyproject.toml', '.git' },
})
vim.lsp.enable('dossierlint')
