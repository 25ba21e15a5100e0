export { addDays, isoDate, lastDayOfMonth } from "./dates";
export { addWorkdays, calendarCovers, calendarNotice, isWorkday } from "./workdays";
