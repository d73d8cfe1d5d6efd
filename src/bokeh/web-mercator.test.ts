import proj4 from "proj4"
import {describe, expect, it} from "vitest"
import {wgs84ToWebMercator} from "./web-mercator.js"

// The converter BokehJS's core/util/projections.js builds from proj4's core (same definitions, by name).
const reference = proj4("WGS84", "GOOGLE")

const close = (actual: number[], expected: number[], tolerance: number) => {
  expect(actual).toHaveLength(expected.length)
  actual.forEach((value, index) => expect(Math.abs(value - expected[index])).toBeLessThanOrEqual(tolerance))
}

describe("wgs84ToWebMercator", () => {
  const points: [number, number][] = []
  for (let lon = -540; lon <= 540; lon += 7.5) {
    for (let lat = -89.5; lat <= 89.5; lat += 4.75) {
      points.push([lon, lat])
    }
  }
  points.push([0, 0], [180, 85.06], [-180, -85.06], [179.999999, 1e-9], [1e-12, -1e-12])

  it("projects like proj4 (within a micrometre), including longitudes that wrap", () => {
    for (const point of points) {
      close(wgs84ToWebMercator.forward([...point]), reference.forward([...point]), 1e-6)
    }
  })

  it("inverts like proj4 (within 1e-9 degrees)", () => {
    for (const point of points) {
      const projected = reference.forward([...point]) as [number, number]
      close(wgs84ToWebMercator.inverse([...projected]), reference.inverse([...projected]), 1e-9)
    }
  })

  it("leaves the poles as proj4 does", () => {
    for (const pole of [
      [10, 90],
      [-10, -90],
    ] as [number, number][]) {
      expect(wgs84ToWebMercator.forward([...pole])).toEqual(reference.forward([...pole]))
    }
  })
})
