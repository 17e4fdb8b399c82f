-- A merchant's mix: create order -> pay it (manual capture) -> capture -> refund -> GET payment.
-- wrk does not say which connection a response belongs to, so the state machine is per flow:
-- each response pushes the flow's next step onto the thread's queue, and request() takes the
-- next step from the queue or starts a new flow.
package.path = (os.getenv("BENCH_LUA_DIR") or "bench/lua") .. "/?.lua;" .. package.path
local bench = require("common")

local queue = {}
local head, tail = 1, 0
local json_headers

local function push(step) tail = tail + 1; queue[tail] = step end
local function pop()
  if head > tail then return nil end
  local step = queue[head]; queue[head] = nil; head = head + 1
  return step
end

function setup(thread) bench.setup(thread) end

function init(args)
  bench.init()
  json_headers = { ["Authorization"] = bench.auth, ["Content-Type"] = "application/json" }
end

function request()
  local step = pop()
  if step == nil then
    return wrk.format("POST", "/api/v1/orders", json_headers,
      '{"amount":2500,"currency":"USD","receipt":"bench-' .. bench.run_id .. '"}')
  elseif step.kind == "pay" then
    return bench.payment_request(bench.card_body(nil, "manual", step.id))
  elseif step.kind == "capture" then
    return wrk.format("POST", "/api/v1/payments/" .. step.id .. "/capture", json_headers, "{}")
  elseif step.kind == "refund" then
    return wrk.format("POST", "/api/v1/payments/" .. step.id .. "/refunds", json_headers,
      '{"amount":1000,"reason":"requested_by_customer"}')
  else
    return wrk.format("GET", "/api/v1/payments/" .. step.id, json_headers)
  end
end

function delay() return bench.delay() end

function response(status, headers, body)
  local id = body:match('^{"id":"([^"]+)"')
  if status >= 300 or id == nil then
    bench.count("status_" .. status)
    return
  end
  if id:sub(1, 6) == "order_" then
    bench.count("order_created")
    push({ kind = "pay", id = id })
  elseif id:sub(1, 5) == "rfnd_" then
    bench.count("refund_created")
    push({ kind = "get", id = body:match('"payment_id":"([^"]+)"') })
  elseif id:sub(1, 4) == "pay_" then
    local st = body:match('"status":"([%a_]+)"')
    if st == "authorized" then
      bench.count("payment_authorized")
      push({ kind = "capture", id = id })
    elseif st == "captured" then
      bench.count("payment_captured")
      push({ kind = "refund", id = id })
    else
      bench.count("payment_read")
    end
  end
end

function done(summary, latency, requests) bench.done(summary, latency, requests) end
