-- Opens a Go file in Neovim with gopls attached through Neovim's built-in
-- LSP client (Neovim 0.7 or later, no plugin), waits until the buffer holds
-- TXVET_NVIM_WANT diagnostics from the sources in TXVET_NVIM_SOURCES, and
-- writes every diagnostic of the buffer to TXVET_NVIM_OUT, one JSON object
-- a line. Exits with status 1 if they do not arrive within
-- TXVET_NVIM_TIMEOUT_MS.
--
--   nvim --headless --clean -c 'luafile diagnostics.lua'
local env = vim.env
local file = env.TXVET_NVIM_FILE
local sources = vim.split(env.TXVET_NVIM_SOURCES, ',')
local want = tonumber(env.TXVET_NVIM_WANT)

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local buf = vim.api.nvim_get_current_buf()
local root = vim.fn.fnamemodify(vim.fn.findfile('go.mod', vim.fn.fnamemodify(file, ':p:h') .. ';'), ':p:h')
local client = vim.lsp.start_client({ name = 'gopls', cmd = { env.TXVET_NVIM_GOPLS }, root_dir = root })
vim.lsp.buf_attach_client(buf, client)

local function count()
  local n = 0
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if vim.tbl_contains(sources, d.source) then
      n = n + 1
    end
  end
  return n
end
local arrived = vim.wait(tonumber(env.TXVET_NVIM_TIMEOUT_MS), function() return count() >= want end, 100)

local lines = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  -- lnum and col are zero-based; col counts bytes.
  table.insert(lines, vim.fn.json_encode({ lnum = d.lnum, col = d.col, severity = d.severity, source = d.source, message = d.message }))
end
vim.fn.writefile(lines, env.TXVET_NVIM_OUT)
vim.lsp.stop_client(client)
vim.wait(5000, function() return vim.lsp.get_client_by_id(client) == nil end, 100)
vim.cmd(arrived and 'qall!' or 'cquit! 1')
