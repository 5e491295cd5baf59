-- Each request adds one new device over REST (POST /0.2/dev_mgr/devices), as wazo-confd does.
-- Usage: wrk -t2 -c64 -d10s --latency -s create.lua http://127.0.0.1:PORT -- TOKEN RUN
-- TOKEN: an admin token; RUN: 0..255, so that the MACs of two runs never collide
-- (02:RUN:THREAD:counter, a locally administered prefix no real phone has).
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

local token, run, n = nil, 0, 0
local headers

function init(args)
  token = args[1]
  run = tonumber(args[2])
  headers = {
    ["X-Auth-Token"] = token,
    ["Content-Type"] = "application/vnd.proformatique.provd+json",
    ["Accept"] = "application/vnd.proformatique.provd+json",
  }
end

function request()
  n = n + 1
  local mac = string.format("02:%02x:%02x:%02x:%02x:%02x", run, tid or 0,
    math.floor(n / 65536) % 256, math.floor(n / 256) % 256, n % 256)
  local body = string.format(
    '{"device": {"mac": "%s", "ip": "10.%d.%d.%d", "vendor": "Yealink", "model": "T46S", ' ..
    '"version": "66.86.0.15", "plugin": "yealink", "description": "bench %d"}}',
    mac, tid or 0, math.floor(n / 256) % 256, n % 256, n)
  return wrk.format("POST", "/0.2/dev_mgr/devices", headers, body)
end
