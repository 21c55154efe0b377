import { describe, expect, it } from "vitest";
import { parseIpv4, parseIpv6 } from "../../../shared/domain/policy";

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
