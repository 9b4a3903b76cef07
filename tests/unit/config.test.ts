import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../server/config";

describe("configuration from the environment", () => {
  it("just works with nothing set", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, DATABASE_URL: "./data/csl-commons.sqlite", OPEN_SIGNUP: false, NODE_ENV: "production" });
    expect(config.SMTP_URL).toBeUndefined();
  });

  it("never seeds demo data in production unless asked", () => {
    expect(loadConfig({ NODE_ENV: "production" }).seedDemo).toBe(false);
    expect(loadConfig({ NODE_ENV: "production", SEED_DEMO: "true" }).seedDemo).toBe(true);
    expect(loadConfig({ NODE_ENV: "development" }).seedDemo).toBe(true);
  });

  it("sets Secure cookies only for an https public address in production", () => {
    expect(loadConfig({ PUBLIC_URL: "https://commons.example.ca" }).secureCookies).toBe(true);
    expect(loadConfig({ PUBLIC_URL: "http://localhost:3000" }).secureCookies).toBe(false);
    expect(loadConfig({ NODE_ENV: "development", PUBLIC_URL: "https://x.example" }).secureCookies).toBe(false);
  });

  it("names the variable that is wrong", () => {
    expect(() => loadConfig({ PORT: "70000" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/^Invalid PORT="70000"/);
    expect(() => loadConfig({ DATABASE_URL: "mysql://x" })).toThrow(/^Invalid DATABASE_URL/);
    expect(() => loadConfig({ SMTP_URL: "http://mail" })).toThrow(/^Invalid SMTP_URL/);
    expect(() => loadConfig({ OPEN_SIGNUP: "maybe" })).toThrow(/^Invalid OPEN_SIGNUP/);
  });

  it("accepts a PostgreSQL URL", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@127.0.0.1:5432/csl" }).DATABASE_URL).toBe("postgres://u@127.0.0.1:5432/csl");
  });

  it("trusts proxies as TRUST_PROXY says: loopback by default, a hop count, a list of networks, or not at all", () => {
    expect(loadConfig({}).trustProxy).toBe("loopback");
    expect(loadConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8" }).trustProxy).toBe("loopback, 10.0.0.0/8");
    expect(() => loadConfig({ TRUST_PROXY: "<script>" })).toThrow(/^Invalid TRUST_PROXY/);
  });
});
