package urlx

import (
	"errors"
	"math"
	"slices"
)

// Why decodePunycode failed.
var (
	errPunycodeSyntax   = errors.New("invalid Punycode")
	errPunycodeOverflow = errors.New("Punycode overflow")
	errPunycodeTooLong  = errors.New("Punycode label decodes to too many code points")
)

// Punycode, RFC 3492 (https://www.rfc-editor.org/rfc/rfc3492), with the
// parameter values of its section 5. Both directions take O(n log n) time
// for n code points: a Fenwick tree over positions replaces the rescans
// and insertions of the section 6 pseudocode, which are quadratic.
const (
	punyBase        = 36
	punyTMin        = 1
	punyTMax        = 26
	punySkew        = 38
	punyDamp        = 700
	punyInitialBias = 72
	punyInitialN    = 0x80
)

// punyAdapt is the bias adaptation function of RFC 3492 section 6.1.
func punyAdapt(delta, numPoints int64, first bool) int64 {
	if first {
		delta /= punyDamp
	} else {
		delta /= 2
	}
	delta += delta / numPoints
	k := int64(0)
	for delta > ((punyBase-punyTMin)*punyTMax)/2 {
		delta /= punyBase - punyTMin
		k += punyBase
	}
	return k + (punyBase-punyTMin+1)*delta/(delta+punySkew)
}

// punyThreshold is t(k) of RFC 3492 section 6.2 and 6.3.
func punyThreshold(k, bias int64) int64 {
	switch {
	case k <= bias:
		return punyTMin
	case k >= bias+punyTMax:
		return punyTMax
	}
	return k - bias
}

func punyDigit(d int64) byte {
	if d < 26 {
		return byte('a' + d)
	}
	return byte('0' + d - 26)
}

func punyDigitValue(c byte) (int64, bool) {
	switch {
	case 'a' <= c && c <= 'z':
		return int64(c - 'a'), true
	case 'A' <= c && c <= 'Z':
		return int64(c - 'A'), true
	case '0' <= c && c <= '9':
		return int64(c-'0') + 26, true
	}
	return 0, false
}

// appendPunycode appends the Punycode encoding of label (RFC 3492 section
// 6.3) to b, without the "xn--" prefix. It fails when a delta would not
// fit in 31 bits, the integer size RFC 3492 implementations use.
func appendPunycode(b []byte, label []rune) ([]byte, bool) {
	basic := 0
	for _, r := range label {
		if r < punyInitialN {
			b = append(b, byte(r))
			basic++
		}
	}
	if basic > 0 {
		b = append(b, '-')
	}
	// Positions of the non-basic code points, by code point then position.
	order := make([]int, 0, len(label)-basic)
	handled := newFenwick(len(label))
	for i, r := range label {
		if r < punyInitialN {
			handled.add(i, 1)
		} else {
			order = append(order, i)
		}
	}
	slices.SortFunc(order, func(x, y int) int {
		if label[x] != label[y] {
			return int(label[x] - label[y])
		}
		return x - y
	})
	n, delta, bias, h := int64(punyInitialN), int64(0), int64(punyInitialBias), int64(basic)
	for start := 0; start < len(order); {
		m := int64(label[order[start]])
		end := start
		for end < len(order) && int64(label[order[end]]) == m {
			end++
		}
		delta += (m - n) * (h + 1)
		if delta > math.MaxInt32 {
			return b, false
		}
		n = m
		prev := -1
		for _, p := range order[start:end] {
			delta += int64(handled.sum(p) - handled.sum(prev+1))
			if delta > math.MaxInt32 {
				return b, false
			}
			for k, q := int64(punyBase), delta; ; k += punyBase {
				t := punyThreshold(k, bias)
				if q < t {
					b = append(b, punyDigit(q))
					break
				}
				b = append(b, punyDigit(t+(q-t)%(punyBase-t)))
				q = (q - t) / (punyBase - t)
			}
			bias = punyAdapt(delta, h+1, h == int64(basic))
			delta = 0
			h++
			prev = p
		}
		delta += int64(handled.sum(len(label)) - handled.sum(prev+1))
		for _, p := range order[start:end] {
			handled.add(p, 1)
		}
		delta++
		n++
		start = end
	}
	return b, true
}

// decodePunycode decodes s, the part of a label after "xn--" (RFC 3492
// section 6.2). It fails with errPunycodeSyntax on a non-ASCII character,
// a character that is not a digit after the last '-' or a number cut
// short, with errPunycodeOverflow on a number past 31 bits or a result
// that is not a Unicode scalar value, and with errPunycodeTooLong on a
// result of more than maxCodePoints code points.
func decodePunycode(s string, maxCodePoints int) ([]rune, error) {
	basic := 0
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == '-' {
			basic = i
			break
		}
	}
	for i := 0; i < basic; i++ {
		if s[i] >= 0x80 {
			return nil, errPunycodeSyntax
		}
	}
	if basic > maxCodePoints {
		return nil, errPunycodeTooLong
	}
	in := 0
	if basic > 0 {
		in = basic + 1
	}
	// Each insertion is recorded as (index at the time, code point); the
	// final positions are resolved afterwards in O(n log n).
	type insertion struct {
		at int
		r  rune
	}
	var ins []insertion
	n, i, bias := int64(punyInitialN), int64(0), int64(punyInitialBias)
	for in < len(s) {
		oldi, w := i, int64(1)
		for k := int64(punyBase); ; k += punyBase {
			if in >= len(s) {
				return nil, errPunycodeSyntax
			}
			d, ok := punyDigitValue(s[in])
			in++
			if !ok {
				return nil, errPunycodeSyntax
			}
			i += d * w
			if i > math.MaxInt32 {
				return nil, errPunycodeOverflow
			}
			t := punyThreshold(k, bias)
			if d < t {
				break
			}
			w *= punyBase - t
			if w > math.MaxInt32 {
				return nil, errPunycodeOverflow
			}
		}
		length := int64(basic + len(ins) + 1)
		if length > int64(maxCodePoints) {
			return nil, errPunycodeTooLong
		}
		bias = punyAdapt(i-oldi, length, oldi == 0)
		n += i / length
		i %= length
		if n > 0x10FFFF || 0xD800 <= n && n <= 0xDFFF {
			return nil, errPunycodeOverflow
		}
		ins = append(ins, insertion{int(i), rune(n)})
		i++
	}
	out := make([]rune, basic+len(ins))
	// The last insertion is at its recorded index in the final string;
	// removing it, the one before is at its index among the slots left,
	// and so on. The slots left at the end hold the basic code points.
	free := newFenwick(len(out))
	taken := make([]bool, len(out))
	for p := range out {
		free.add(p, 1)
	}
	for k := len(ins) - 1; k >= 0; k-- {
		p := free.find(ins[k].at)
		out[p], taken[p] = ins[k].r, true
		free.add(p, -1)
	}
	j := 0
	for p := range out {
		if !taken[p] {
			out[p] = rune(s[j])
			j++
		}
	}
	return out, nil
}
