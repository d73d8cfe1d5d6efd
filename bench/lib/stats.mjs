// Summaries of repeated trials: the median and the interquartile range, which a few slow outliers do not move.

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b)
  if (sorted.length === 0) {
    return Number.NaN
  }
  const position = (sorted.length - 1) * q
  const low = Math.floor(position)
  const high = Math.ceil(position)
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low)
}

export function summarize(values) {
  return {
    n: values.length,
    median: quantile(values, 0.5),
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
    min: Math.min(...values),
    max: Math.max(...values),
  }
}

/** Rotates the variant order each trial so that no variant always runs first (or always right after another). */
export function rotated(items, trial) {
  const shift = trial % items.length
  return [...items.slice(shift), ...items.slice(0, shift)]
}
