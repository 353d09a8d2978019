// Tests run in UTC like the product (src/process-timezone.ts).
process.env.TZ = 'UTC';
