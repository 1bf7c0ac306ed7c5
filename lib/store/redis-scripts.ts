// The Lua behind RedisGovernance. Each script runs atomically inside Redis, so N replicas racing
// for the last unit of a quota see exactly one winner. Semantics mirror memory-governance.ts.
//
// Layout per quota counter K:  hash K        c t m (used calls/tokens/micro-dollars),
//                                            rc rt rm (reserved sums), r:<id> = "c,t,m" per hold
//                              zset K:holds  <id> scored by the hold's expiry (caller clock)
// Layout per rate window W:    zset W        <id> scored by arrival time (caller clock)
//                              hash W:w      <id> -> weight, __sum -> total weight in the window
// Numbers leave Lua through int() (string.format %d): Lua 5.1's tostring would write 1e+15.

const PRELUDE = `
local function int(x) return string.format('%d', x) end
local function held_amounts(h, id)
  local held = redis.call('HGET', h, 'r:' .. id)
  if not held then return nil end
  local c, t, m = string.match(held, '^(%-?%d+),(%-?%d+),(%-?%d+)$')
  return { tonumber(c), tonumber(t), tonumber(m) }
end
local function drop_hold(h, x, id)
  local a = held_amounts(h, id)
  if a then
    redis.call('HINCRBY', h, 'rc', int(-a[1]))
    redis.call('HINCRBY', h, 'rt', int(-a[2]))
    redis.call('HINCRBY', h, 'rm', int(-a[3]))
    redis.call('HDEL', h, 'r:' .. id)
  end
  redis.call('ZREM', x, id)
end
local function purge_holds(h, x, now)
  local expired = redis.call('ZRANGEBYSCORE', x, '-inf', now)
  for _, id in ipairs(expired) do drop_hold(h, x, id) end
end
`;

/**
 * KEYS: per counter (hash, holds), then per window (zset, weights).
 * ARGV: id, now, holdMs, askCalls, askTokens, askCost, nCounters, nWindows, windowMs,
 *       per counter: limitCalls, limitTokens, limitCost (-1 = none); per window: limit, weight.
 */
export const ADMIT = `${PRELUDE}
local id = ARGV[1]
local now = tonumber(ARGV[2])
local hold = tonumber(ARGV[3])
local ask = { tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]) }
local nc = tonumber(ARGV[7])
local nw = tonumber(ARGV[8])
local WINDOW = tonumber(ARGV[9])
local USED = { 'c', 't', 'm' }
local RESERVED = { 'rc', 'rt', 'rm' }

local missing = {}
for i = 1, nc do
  if redis.call('EXISTS', KEYS[2 * i - 1]) == 0 then missing[#missing + 1] = i end
end
if #missing > 0 then return { 'unseeded', unpack(missing) } end

local a = 10
for i = 1, nc do
  local h = KEYS[2 * i - 1]
  purge_holds(h, KEYS[2 * i], now)
  local v = redis.call('HMGET', h, 'c', 't', 'm', 'rc', 'rt', 'rm')
  for k = 1, 3 do
    local limit = tonumber(ARGV[a + k - 1])
    local used = tonumber(v[k] or '0')
    local reserved = tonumber(v[k + 3] or '0')
    if limit >= 0 and used + reserved + ask[k] > limit then
      return { 'quota', i, k, used, reserved, limit }
    end
  end
  a = a + 3
end

local wa = a
local sums = {}
local function state(j, limit, sum)
  local z = KEYS[2 * nc + 2 * j - 1]
  local oldest = redis.call('ZRANGE', z, 0, 0, 'WITHSCORES')
  local reset = 0
  if oldest[2] then reset = tonumber(oldest[2]) + WINDOW - now end
  local remaining = limit - sum
  if remaining < 0 then remaining = 0 end
  return { limit, remaining, reset }
end
local function all_states()
  local out = {}
  for j = 1, nw do
    local s = state(j, tonumber(ARGV[wa + 2 * j - 2]), sums[j])
    out[#out + 1] = s[1]; out[#out + 1] = s[2]; out[#out + 1] = s[3]
  end
  return out
end
for j = 1, nw do
  local z = KEYS[2 * nc + 2 * j - 1]
  local wh = KEYS[2 * nc + 2 * j]
  local old = redis.call('ZRANGEBYSCORE', z, '-inf', now - WINDOW)
  if #old > 0 then
    local freed = 0
    for _, member in ipairs(old) do
      freed = freed + tonumber(redis.call('HGET', wh, member) or '0')
      redis.call('HDEL', wh, member)
    end
    redis.call('ZREMRANGEBYSCORE', z, '-inf', now - WINDOW)
    redis.call('HINCRBY', wh, '__sum', int(-freed))
  end
  sums[j] = tonumber(redis.call('HGET', wh, '__sum') or '0')
end
for j = 1, nw do
  local limit = tonumber(ARGV[wa + 2 * j - 2])
  local weight = tonumber(ARGV[wa + 2 * j - 1])
  if sums[j] + weight > limit then
    local retry = WINDOW
    if weight <= limit then
      local z = KEYS[2 * nc + 2 * j - 1]
      local wh = KEYS[2 * nc + 2 * j]
      local left = sums[j]
      local start = 0
      local found = false
      while not found do
        local page = redis.call('ZRANGE', z, start, start + 199, 'WITHSCORES')
        if #page == 0 then break end
        for p = 1, #page, 2 do
          left = left - tonumber(redis.call('HGET', wh, page[p]) or '0')
          if left + weight <= limit then
            retry = tonumber(page[p + 1]) + WINDOW - now
            found = true
            break
          end
        end
        start = start + 200
      end
    end
    local out = { 'rate', j, retry }
    for _, x in ipairs(all_states()) do out[#out + 1] = x end
    return out
  end
end

local held = ARGV[4] .. ',' .. ARGV[5] .. ',' .. ARGV[6]
for i = 1, nc do
  local h = KEYS[2 * i - 1]
  local x = KEYS[2 * i]
  redis.call('HINCRBY', h, 'rc', ARGV[4])
  redis.call('HINCRBY', h, 'rt', ARGV[5])
  redis.call('HINCRBY', h, 'rm', ARGV[6])
  redis.call('HSET', h, 'r:' .. id, held)
  redis.call('ZADD', x, now + hold, id)
  local ttl = redis.call('PTTL', h)
  if ttl > 0 then redis.call('PEXPIRE', x, ttl) end
end
for j = 1, nw do
  local z = KEYS[2 * nc + 2 * j - 1]
  local wh = KEYS[2 * nc + 2 * j]
  local weight = ARGV[wa + 2 * j - 1]
  redis.call('ZADD', z, now, id)
  redis.call('HSET', wh, id, weight)
  redis.call('HINCRBY', wh, '__sum', weight)
  sums[j] = sums[j] + tonumber(weight)
  redis.call('PEXPIRE', z, 2 * WINDOW)
  redis.call('PEXPIRE', wh, 2 * WINDOW)
end
local out = { 'admitted' }
for _, x in ipairs(all_states()) do out[#out + 1] = x end
return out
`;

/** KEYS: per seed (hash, holds). ARGV: per seed calls, tokens, cost, ttlMs (-1 = none). */
export const SEED = `
for i = 1, #KEYS / 2 do
  local h = KEYS[2 * i - 1]
  if redis.call('EXISTS', h) == 0 then
    local a = 4 * i - 3
    redis.call('HSET', h, 'c', ARGV[a], 't', ARGV[a + 1], 'm', ARGV[a + 2], 'rc', 0, 'rt', 0, 'rm', 0)
    local ttl = tonumber(ARGV[a + 3])
    if ttl > 0 then redis.call('PEXPIRE', h, ttl) end
  end
end
return 1
`;

/**
 * KEYS: per reserved counter (hash, holds), then charged hashes, then per window (zset, weights).
 * ARGV: id, nReserved, nCharged, nWindows, calls, tokens, cost, then one weight per window.
 */
export const SETTLE = `${PRELUDE}
local id = ARGV[1]
local nr = tonumber(ARGV[2])
local nch = tonumber(ARGV[3])
local nw = tonumber(ARGV[4])
for i = 1, nr do drop_hold(KEYS[2 * i - 1], KEYS[2 * i], id) end
for i = 1, nch do
  local h = KEYS[2 * nr + i]
  if redis.call('EXISTS', h) == 1 then
    redis.call('HINCRBY', h, 'c', ARGV[5])
    redis.call('HINCRBY', h, 't', ARGV[6])
    redis.call('HINCRBY', h, 'm', ARGV[7])
  end
end
for j = 1, nw do
  local wh = KEYS[2 * nr + nch + 2 * j]
  local old = redis.call('HGET', wh, id)
  if old then
    local weight = ARGV[7 + j]
    redis.call('HSET', wh, id, weight)
    redis.call('HINCRBY', wh, '__sum', int(tonumber(weight) - tonumber(old)))
  end
end
return 1
`;

/** KEYS: per counter (hash, holds). ARGV: id, until. */
export const RENEW = `
for i = 1, #KEYS / 2 do
  if redis.call('HEXISTS', KEYS[2 * i - 1], 'r:' .. ARGV[1]) == 1 then
    redis.call('ZADD', KEYS[2 * i], 'XX', ARGV[2], ARGV[1])
  end
end
return 1
`;

/** KEYS: per counter (hash, holds). ARGV: now. Returns per counter {exists, c, t, m, rc, rt, rm}. */
export const READ = `${PRELUDE}
local out = {}
for i = 1, #KEYS / 2 do
  local h = KEYS[2 * i - 1]
  if redis.call('EXISTS', h) == 0 then
    out[i] = { 0 }
  else
    purge_holds(h, KEYS[2 * i], tonumber(ARGV[1]))
    local v = redis.call('HMGET', h, 'c', 't', 'm', 'rc', 'rt', 'rm')
    out[i] = { 1, tonumber(v[1] or '0'), tonumber(v[2] or '0'), tonumber(v[3] or '0'), tonumber(v[4] or '0'), tonumber(v[5] or '0'), tonumber(v[6] or '0') }
  end
end
return out
`;
