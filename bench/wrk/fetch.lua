-- Each request is one phone's keep-alive fetch of its own file; requests rotate over the fleet.
-- Usage: wrk -t2 -c64 -d20s --latency -s fetch.lua http://127.0.0.1:PORT -- targets.tsv
-- targets.tsv: one "file<TAB>user-agent<TAB>address" line per phone (written by Scenarios);
-- the address goes in X-Forwarded-For, which the benchmark server trusts from 127.0.0.1.
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local requests, n, i = {}, 0, 0

function init(args)
  for line in io.lines(args[1]) do
    local file, ua, ip = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)$")
    n = n + 1
    requests[n] = wrk.format("GET", "/" .. file, { ["User-Agent"] = ua, ["X-Forwarded-For"] = ip })
  end
  -- Threads start at different phones.
  i = ((tid or 0) * 4999) % n
end

function request()
  i = i % n + 1
  return requests[i]
end
