package urlx

// parseIPv6 is the URL Standard's IPv6 parser (input without brackets),
// including compression and an embedded dotted IPv4 tail.
func parseIPv6(s string) ([8]uint16, bool) {
	var addr [8]uint16
	piece, compress := 0, -1
	i := 0
	at := func(k int) (byte, bool) {
		if k < len(s) {
			return s[k], true
		}
		return 0, false
	}
	if c, _ := at(0); c == ':' {
		if c2, _ := at(1); c2 != ':' {
			return addr, false
		}
		i = 2
		piece++
		compress = piece
	}
	for i < len(s) {
		if piece == 8 {
			return addr, false
		}
		if s[i] == ':' {
			if compress >= 0 {
				return addr, false
			}
			i++
			piece++
			compress = piece
			continue
		}
		value, length := 0, 0
		for length < 4 && i < len(s) {
			d, ok := unhex(s[i])
			if !ok {
				break
			}
			value = value*16 + int(d)
			i++
			length++
		}
		c, ok := at(i)
		switch {
		case ok && c == '.':
			if length == 0 {
				return addr, false
			}
			i -= length
			if piece > 6 {
				return addr, false
			}
			seen := 0
			for i < len(s) {
				v := -1
				if seen > 0 {
					if s[i] == '.' && seen < 4 {
						i++
					} else {
						return addr, false
					}
				}
				if i >= len(s) || !isDigit(s[i]) {
					return addr, false
				}
				for i < len(s) && isDigit(s[i]) {
					n := int(s[i] - '0')
					switch v {
					case -1:
						v = n
					case 0:
						return addr, false
					default:
						v = v*10 + n
					}
					if v > 255 {
						return addr, false
					}
					i++
				}
				addr[piece] = addr[piece]<<8 | uint16(v)
				seen++
				if seen == 2 || seen == 4 {
					piece++
				}
			}
			if seen != 4 {
				return addr, false
			}
			goto done
		case ok && c == ':':
			i++
			if i >= len(s) {
				return addr, false
			}
		case ok:
			return addr, false
		}
		addr[piece] = uint16(value)
		piece++
	}
done:
	if compress >= 0 {
		swaps := piece - compress
		piece = 7
		for piece != 0 && swaps > 0 {
			addr[piece], addr[compress+swaps-1] = addr[compress+swaps-1], addr[piece]
			piece--
			swaps--
		}
	} else if piece != 8 {
		return addr, false
	}
	return addr, true
}

const lowerHex = "0123456789abcdef"

// appendIPv6 serialises addr in brackets, compressing the first longest
// run of two or more zero pieces.
func appendIPv6(b []byte, addr *[8]uint16) []byte {
	best, bestLen := -1, 1
	for k := 0; k < 8; {
		if addr[k] != 0 {
			k++
			continue
		}
		j := k
		for j < 8 && addr[j] == 0 {
			j++
		}
		if j-k > bestLen {
			best, bestLen = k, j-k
		}
		k = j
	}
	b = append(b, '[')
	for k := 0; k < 8; k++ {
		if k == best {
			if k == 0 {
				b = append(b, ':', ':')
			} else {
				b = append(b, ':')
			}
			k += bestLen - 1
			continue
		}
		v := addr[k]
		started := false
		for sh := 12; sh >= 0; sh -= 4 {
			d := v >> uint(sh) & 0xf
			if d != 0 || started || sh == 0 {
				b = append(b, lowerHex[d])
				started = true
			}
		}
		if k != 7 {
			b = append(b, ':')
		}
	}
	return append(b, ']')
}
