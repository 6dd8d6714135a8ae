//go:build race

package lineartest

// RaceEnabled is true when the race detector is on: costs are then
// distorted, and linearity checks skip.
const RaceEnabled = true
