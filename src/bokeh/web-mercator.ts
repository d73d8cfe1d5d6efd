/**
 * WGS84 longitude/latitude (degrees) to Web Mercator metres and back: the one projection BokehJS uses (tile
 * sources, GMap plots, mercator tickers). BokehJS gets it from proj4, which with its WKT parser is ~22 KB gzip of
 * every plot's JavaScript; the build puts this closed form in its place (build/vite/bokehjs-rewrites.mjs). A unit
 * test checks it against proj4.
 */

/** The sphere radius of EPSG:3857 ("GOOGLE" in proj4). */
const RADIUS = 6378137
const DEG = Math.PI / 180
/** proj4's SPI: longitudes this far from the meridian wrap around. */
const WRAP_LIMIT = 3.14159265359
/** proj4's EPSLN: latitudes this close to a pole have no Mercator y. */
const POLE_EPSILON = 1.0e-10

/** proj4's adjust_lon: one wrap into about [-π, π]. */
function wrapLongitude(radians: number): number {
  return Math.abs(radians) <= WRAP_LIMIT ? radians : radians - Math.sign(radians) * 2 * Math.PI
}

/** The shape of proj4's converter, which BokehJS's projections module calls. */
export const wgs84ToWebMercator = {
  forward([longitude, latitude]: [number, number]): [number, number] {
    const lat = latitude * DEG
    if (Math.abs(Math.abs(lat) - Math.PI / 2) <= POLE_EPSILON) {
      // The poles have no Mercator y; proj4's converter says so with NaNs.
      return [Number.NaN, Number.NaN]
    }
    return [RADIUS * wrapLongitude(longitude * DEG), RADIUS * Math.log(Math.tan(Math.PI / 4 + lat / 2))]
  },
  inverse([x, y]: [number, number]): [number, number] {
    const longitude = wrapLongitude(x / RADIUS) / DEG
    const latitude = (Math.PI / 2 - 2 * Math.atan(Math.exp(-y / RADIUS))) / DEG
    return [longitude, latitude]
  },
}
