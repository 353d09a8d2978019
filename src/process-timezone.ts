// The process runs in UTC: timestamps are stored in UTC and civil dates ('YYYY-MM-DD') must not move
// when AdminJS turns them into Date objects and TypeORM writes them back with the local zone. Dates
// « of the Caf » are computed explicitly in Europe/Paris (todayInParis). Imported first by every entry.
process.env.TZ = 'UTC';
