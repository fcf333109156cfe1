import { afterEach, vi } from 'vitest'
import { cleanup, configure } from '@testing-library/react'

// jsdom has no canvas: the chart is replaced by a list of its points, so tests can read what it would draw.
vi.mock('react-chartjs-2', async () => {
  const { createElement } = await import('react')
  return {
    Line: (props: { data: { datasets: { data: { x: number; y: number | null }[] }[] }; 'aria-label'?: string }) =>
      createElement('ol', { 'data-testid': 'chart', 'aria-label': props['aria-label'] },
        props.data.datasets[0].data.map((p) => createElement('li', { key: p.x }, `${p.x}:${p.y}`))),
  }
})

// waitFor/findBy give up after this long (the default second is too short on a loaded build machine).
configure({ asyncUtilTimeout: 10_000 })

afterEach(() => {
  cleanup()
  localStorage.clear()
})
