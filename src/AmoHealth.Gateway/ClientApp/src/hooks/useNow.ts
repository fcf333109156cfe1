import { useEffect, useState } from 'react'

/** The current time, ticking every second (for "checked 5 s ago" and the reconnect countdown). */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs)
    return () => clearInterval(timer)
  }, [intervalMs])
  return now
}
