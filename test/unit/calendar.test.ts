import { afterEach, describe, expect, it } from "vitest";
import {
  addDays,
  addWorkdays,
  calendarCovers,
  calendarNotice,
  isWorkday,
  lastDayOfMonth,
} from "../../core/calendar";

describe("isWorkday on the statutory calendar", () => {
  it.each([
    ["2022-10-08", true, "Saturday made up for 国庆"],
    ["2022-10-09", true, "Sunday made up for 国庆"],
    ["2022-10-03", false, "Monday inside 国庆"],
    ["2022-10-10", true, "an ordinary Monday"],
    ["2022-10-15", false, "an ordinary Saturday"],
    ["2022-01-29", true, "Saturday made up for 春节"],
    ["2022-02-01", false, "Tuesday, 春节"],
    ["2023-04-23", true, "Sunday made up for 劳动节"],
    ["2024-05-01", false, "劳动节"],
  ])("%s is a workday: %s (%s)", (date, expected) => {
    expect(isWorkday(date)).toBe(expected);
  });

  describe("whatever the host's time zone", () => {
    const original = process.env.TZ;
    afterEach(() => {
      process.env.TZ = original;
    });

    it("answers for the day asked, also west of UTC", () => {
      process.env.TZ = "America/New_York";
      expect(isWorkday("2022-10-10")).toBe(true);
      expect(isWorkday("2022-10-07")).toBe(false);
      expect(addWorkdays("2022-09-30", 1)).toBe("2022-10-08");
    });
  });
});

describe("addWorkdays counts from the day after", () => {
  it.each([
    ["2022-09-30", 1, "2022-10-08"],
    ["2022-09-30", 3, "2022-10-10"],
    ["2022-09-29", 1, "2022-09-30"],
    ["2022-10-07", 1, "2022-10-08"],
    // 信息形成之日起20个工作日内, starting the Friday before 国庆: the 7 holiday days do not count.
    ["2022-09-30", 20, "2022-11-02"],
    ["2022-10-10", 0, "2022-10-10"],
  ])("%s + %i workdays = %s", (date, n, expected) => {
    expect(addWorkdays(date, n)).toBe(expected);
  });

  it("crosses the year boundary and 元旦", () => {
    // 2022-12-30 is a Friday; 2023-01-02 is the 元旦 holiday Monday.
    expect(addWorkdays("2022-12-30", 1)).toBe("2023-01-03");
  });

  it("refuses a count that is not a whole, non-negative number", () => {
    expect(() => addWorkdays("2022-10-10", -1)).toThrow(RangeError);
    expect(() => addWorkdays("2022-10-10", 1.5)).toThrow(RangeError);
  });
});

describe("a year the holiday data does not cover", () => {
  it("is known to be covered or not", () => {
    expect(calendarCovers(2022)).toBe(true);
    expect(calendarCovers(2004)).toBe(true);
    expect(calendarCovers(2003)).toBe(false);
    expect(calendarCovers(2099)).toBe(false);
  });

  it("falls back to Monday–Friday and says so, in Chinese, naming the year", () => {
    expect(calendarNotice(2022)).toBeUndefined();
    const notice = calendarNotice(2099);
    expect(notice).toContain("2099年");
    expect(notice).toContain("周一至周五");
    // 2099-10-01 is a Thursday: a workday by the fallback, since no 国庆 arrangement is known.
    expect(isWorkday("2099-10-01")).toBe(true);
    expect(isWorkday("2099-10-03")).toBe(false);
    expect(addWorkdays("2099-10-02", 1)).toBe("2099-10-05");
  });
});

describe("date arithmetic", () => {
  it("adds calendar days across month and leap-year ends", () => {
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2022-12-31", 1)).toBe("2023-01-01");
    expect(addDays("2022-03-01", -1)).toBe("2022-02-28");
  });

  it("knows which day 月底 is", () => {
    expect(lastDayOfMonth(2022, 2)).toBe(28);
    expect(lastDayOfMonth(2024, 2)).toBe(29);
    expect(lastDayOfMonth(2022, 6)).toBe(30);
    expect(lastDayOfMonth(2022, 12)).toBe(31);
  });
});
