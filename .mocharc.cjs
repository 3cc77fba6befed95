// Unit tests. In CI a left-over `.only` fails the run instead of silently skipping the rest.
module.exports = {
  spec: ['test/unit/**/*.test.ts'],
  'node-option': ['import=tsx'],
  timeout: 10000,
  reporter: 'spec',
  'forbid-only': process.env.CI === 'true',
};
