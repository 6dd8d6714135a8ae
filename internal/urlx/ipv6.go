package urlx

import (
	"net/netip"
	"strings"
)

// parseIPv6 is the URL Standard's IPv6 parser (input without brackets),
// including compression and an embedded dotted IPv4 tail. The standard's
// grammar is net/netip's for IPv6 addresses without a zone: a zone ("%"),
// or an input that is an IPv4 address, fails.
func parseIPv6(s string) ([8]uint16, bool) {
	var addr [8]uint16
	if strings.IndexByte(s, '%') >= 0 {
		return addr, false
	}
	a, err := netip.ParseAddr(s)
	if err != nil || !a.Is6() {
		return addr, false
	}
	b := a.As16()
	for i := range addr {
		addr[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
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
