-- post.lua: wrk sends POST requests whose bodies are a template whose every
-- %08d a counter fills, so every request registers a new customer (and a
-- new bill).
--   wrk ... -s bench/post.lua URL -- TEMPLATE START
-- Each wrk thread counts from START + thread * 1000000.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local tmpl, n
function init(args)
  tmpl = args[1]
  n = tonumber(args[2]) + tid * 1000000
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  local body = tmpl:gsub("%%08d", string.format("%08d", n))
  return wrk.format(nil, nil, nil, body)
end
