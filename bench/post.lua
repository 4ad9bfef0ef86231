-- post.lua: wrk sends POST requests whose path and body are templates
-- (bench/ops.txt): every %08d is a counter, so every request registers a
-- new customer (and a new bill), and every %03d is the counter modulo 300
-- (the generated customers' ids, with 1000%03d).
--   wrk ... -s bench/post.lua URL -- BODY START [PATH]
-- Each wrk thread counts from START + thread * 1000000. PATH (with its
-- query) replaces URL's when given.
local threads = 0
function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local tmpl, path, n
function init(args)
  tmpl = args[1]
  n = tonumber(args[2]) + tid * 1000000
  path = args[3]
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

local function fill(t)
  local s = t:gsub("%%08d", string.format("%08d", n))
  return (s:gsub("%%03d", string.format("%03d", n % 300)))
end

function request()
  n = n + 1
  return wrk.format(nil, path and fill(path) or nil, nil, fill(tmpl))
end
