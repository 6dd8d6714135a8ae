package urlx

// bytesOrString lets the number parsers work on buf without copying.
type bytesOrString interface{ ~string | ~[]byte }

// lastPart returns the last '.'-separated part of s after dropping one
// trailing empty part.
func lastPart[T bytesOrString](s T) T {
	if n := len(s); n > 0 && s[n-1] == '.' {
		s = s[:n-1]
	}
	i := len(s) - 1
	for i >= 0 && s[i] != '.' {
		i--
	}
	return s[i+1:]
}

// endsInNumber is the URL Standard's "ends in a number" checker.
func endsInNumber[T bytesOrString](s T) bool {
	if len(s) == 1 && s[0] == '.' {
		// a single empty part after dropping: the standard keeps it
		return false
	}
	if len(s) == 0 {
		return false
	}
	last := lastPart(s)
	if len(last) == 0 {
		return false
	}
	allDigits := true
	for i := 0; i < len(last); i++ {
		if !isDigit(last[i]) {
			allDigits = false
			break
		}
	}
	if allDigits {
		return true
	}
	_, ok := parseIPv4Number(last)
	return ok
}

// overflow is a sentinel above any valid IPv4 number.
const overflow = 1 << 33

// parseIPv4Number parses decimal, 0x-hex or leading-0 octal; values that
// do not fit are capped at overflow (still a "number").
func parseIPv4Number[T bytesOrString](s T) (uint64, bool) {
	if len(s) == 0 {
		return 0, false
	}
	radix := uint64(10)
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		s, radix = s[2:], 16
	} else if len(s) >= 2 && s[0] == '0' {
		s, radix = s[1:], 8
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		var d uint64
		c := s[i]
		switch {
		case isDigit(c):
			d = uint64(c - '0')
		case 'a' <= c|0x20 && c|0x20 <= 'f':
			d = uint64(c|0x20-'a') + 10
		default:
			return 0, false
		}
		if d >= radix {
			return 0, false
		}
		if n < overflow {
			n = n*radix + d
		}
	}
	return n, true
}

// parseIPv4 is the IPv4 parser; s ends in a number.
func parseIPv4[T bytesOrString](s T) (uint32, bool) {
	if n := len(s); n > 0 && s[n-1] == '.' {
		s = s[:n-1]
	}
	var nums [4]uint64
	count := 0
	start := 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) && s[i] != '.' {
			continue
		}
		if count == 4 {
			return 0, false
		}
		v, ok := parseIPv4Number(s[start:i])
		if !ok {
			return 0, false
		}
		nums[count] = v
		count++
		start = i + 1
	}
	for k := 0; k < count-1; k++ {
		if nums[k] > 255 {
			return 0, false
		}
	}
	last := nums[count-1]
	if last >= uint64(1)<<(8*(5-count)) {
		return 0, false
	}
	v := last
	for k := 0; k < count-1; k++ {
		v += nums[k] << (8 * (3 - k))
	}
	return uint32(v), true
}

func appendIPv4(b []byte, v uint32) []byte {
	for k := 3; k >= 0; k-- {
		b = appendUint(b, int(v>>(8*k)&0xff))
		if k > 0 {
			b = append(b, '.')
		}
	}
	return b
}
