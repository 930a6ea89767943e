package record

import "time"

// openings are the days on which regular sessions opened where the rule of
// SessionOpens does not give them.
var openings = map[int]string{
	1:  "1946-01-10", // the first session, in London
	78: "2023-09-05",
	79: "2024-09-10",
	80: "2025-09-09",
}

// SessionOpens returns the day on which regular session n of the General
// Assembly opened (YYYY-MM-DD), by the rules of procedure: up to session 57
// (2002) on the third Tuesday of September of 1945+n (rule 1); from session
// 58 (2003) "on the Tuesday of the third week in September, counting from the
// first week that contains at least one working day" (resolution 57/301),
// weeks running Monday to Sunday; except where openings records another day
// (sessions 1 and 78 to 80).
func SessionOpens(n int) string {
	if d, ok := openings[n]; ok {
		return d
	}
	sep1 := time.Date(1945+n, time.September, 1, 0, 0, 0, 0, time.UTC)
	first := 1 + (int(time.Tuesday)-int(sep1.Weekday())+7)%7 // the first Tuesday
	day := first + 14
	if n >= 58 {
		// The Monday of the week of 1 September, or the next Monday
		// if that week has no working day in September (1 September a
		// Saturday or a Sunday); its third week's Tuesday.
		wd := (int(sep1.Weekday()) + 6) % 7 // Monday 0 .. Sunday 6
		monday := 1 - wd
		if wd >= 5 {
			monday += 7
		}
		day = monday + 14 + 1
	}
	return sep1.AddDate(0, 0, day-1).Format(time.DateOnly)
}

// SessionOf returns the regular session of the General Assembly in progress
// on date (YYYY-MM-DD): session n runs from its opening (SessionOpens) to the
// opening of session n+1, whatever the Assembly's own calendar of parts and
// recesses. A special or emergency special session (S-1, ES-11) belongs to
// the regular session in progress on its date: A/RES/ES-11/1, voted on
// 2 March 2022, to session 76. It returns 0 for a date that is not a full
// date or is before 10 January 1946.
func SessionOf(date string) int {
	if len(date) != 10 {
		return 0
	}
	if _, err := time.Parse(time.DateOnly, date); err != nil {
		return 0
	}
	y := YearOf(date)
	if date < SessionOpens(1) {
		return 0
	}
	n := y - 1945 // the session that opens in September of y
	if date < SessionOpens(n) {
		n--
	}
	return max(n, 1)
}
