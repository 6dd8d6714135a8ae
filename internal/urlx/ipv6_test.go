package urlx

import (
	"testing"
)

// parseIPv6Literal is the URL Standard's IPv6 parser (input without brackets),
// including compression and an embedded dotted IPv4 tail.
func parseIPv6Literal(s string) ([8]uint16, bool) {
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
			d, ok := Unhex(s[i])
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

// TestIPv6AgreesWithLiteral checks the netip-based parser against a
// literal reading of the URL Standard's IPv6 parser on generated inputs.
func TestIPv6AgreesWithLiteral(t *testing.T) {
	pieces := []string{"", "0", "1", "ffff", "FFFF", "12345", "g", "::", ":", ".", "1.2.3.4", "01.2.3.4", "1.2.3", "256.1.1.1", "%eth0", "0:0"}
	n := 0
	var gen func(prefix string, depth int)
	gen = func(prefix string, depth int) {
		n++
		want, wok := parseIPv6Literal(prefix)
		got, gok := parseIPv6(prefix)
		if wok != gok || wok && want != got {
			t.Errorf("%q: literal %v %v, netip %v %v", prefix, want, wok, got, gok)
		}
		if depth == 0 {
			return
		}
		for _, p := range pieces {
			gen(prefix+p, depth-1)
			gen(prefix+p+":", depth-1)
		}
	}
	gen("", 4)
	for _, s := range []string{"::ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1::2::3", "::1.2.3.4.5", "fe80::1%1", "1.2.3.4"} {
		want, wok := parseIPv6Literal(s)
		got, gok := parseIPv6(s)
		if wok != gok || wok && want != got {
			t.Errorf("%q: literal %v %v, netip %v %v", s, want, wok, got, gok)
		}
	}
	if n < 100000 {
		t.Fatalf("only %d inputs", n)
	}
}

func FuzzIPv6(f *testing.F) {
	for _, s := range []string{"::1", "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "1::", "::", "fe80::1%1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, wok := parseIPv6Literal(s)
		got, gok := parseIPv6(s)
		if wok != gok || wok && want != got {
			t.Fatalf("%q: literal %v %v, netip %v %v", s, want, wok, got, gok)
		}
	})
}
