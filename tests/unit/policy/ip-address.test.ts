import { describe, expect, it } from "vitest";
import { parseIpv4, parseIpv6 } from "../../../shared/domain/policy";
import { canonicalIp } from "../../../shared/domain/policy/ip-address";

describe("parseIpv4", () => {
  it.each<[string, number[] | null]>([
    ["192.0.2.1", [192, 0, 2, 1]],
    ["0.0.0.0", [0, 0, 0, 0]],
    ["255.255.255.255", [255, 255, 255, 255]],
    ["256.0.0.1", null],
    ["1.2.3", null],
    ["1.2.3.4.5", null],
    ["01.2.3.4", null],
    ["1.2.3.-4", null],
    ["1.2.3.4 ", null],
    ["a.b.c.d", null],
    ["", null],
  ])("%j → %j", (text, octets) => {
    expect(parseIpv4(text)).toEqual(octets);
  });
});

describe("parseIpv6", () => {
  it.each<[string, number[] | null]>([
    ["2001:db8::1", [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]],
    ["::1", [0, 0, 0, 0, 0, 0, 0, 1]],
    ["::", [0, 0, 0, 0, 0, 0, 0, 0]],
    ["fe80::", [0xfe80, 0, 0, 0, 0, 0, 0, 0]],
    ["1:2:3:4:5:6:7:8", [1, 2, 3, 4, 5, 6, 7, 8]],
    ["1:2:3:4:5:6:7::", [1, 2, 3, 4, 5, 6, 7, 0]],
    ["::ffff:192.0.2.1", [0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0201]],
    ["1:2:3:4:5:6:192.0.2.1", [1, 2, 3, 4, 5, 6, 0xc000, 0x0201]],
    ["ABCD:EF01::", [0xabcd, 0xef01, 0, 0, 0, 0, 0, 0]],
    ["1:2:3:4:5:6:7:8::", null],
    ["1:2:3:4:5:6:7", null],
    ["1:2:3:4:5:6:7:8:9", null],
    ["1::2::3", null],
    [":1:2:3:4:5:6:7", null],
    ["1:2:3:4:5:6:7:", null],
    ["12345::1", null],
    ["::ffff:192.0.2.256", null],
    ["::192.0.2.1:1", null],
    ["1.2.3.4", null],
    ["fe80::1%eth0", null],
    ["2001:db8::/32", null],
    ["", null],
  ])("%j → %j", (text, groups) => {
    expect(parseIpv6(text)).toEqual(groups);
  });
});

describe("canonicalIp (RFC 5952: one text per IPv6 address)", () => {
  it.each([
    ["2001:DB8::5", "2001:db8::5"],
    ["2001:db8:0:0:0:0:0:5", "2001:db8::5"],
    ["2001:0db8:0000:0000:0000:0000:0000:0005", "2001:db8::5"],
    // §4.2.2: a single zero group is not shortened; §4.2.3: the longest run, the first of equal runs.
    ["2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1"],
    ["2001:0:0:1:0:0:0:1", "2001:0:0:1::1"],
    ["2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1"],
    ["0:0:0:0:0:0:0:0", "::"],
    ["0:0:0:0:0:0:0:1", "::1"],
    ["fe80:0:0:0:0:0:0:0", "fe80::"],
    ["192.0.2.1", "192.0.2.1"],
    // An IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2) is the IPv4 host itself.
    ["::ffff:192.0.2.1", "192.0.2.1"],
    ["0:0:0:0:0:FFFF:C000:0201", "192.0.2.1"],
    ["::ffff:0:c000:201", "::ffff:0:c000:201"],
    ["203.0.113.0/24", "203.0.113.0/24"],
    ["not an address", "not an address"],
  ])("%s → %s", (text, canonical) => {
    expect(canonicalIp(text)).toBe(canonical);
  });
});
