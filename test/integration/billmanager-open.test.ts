// open.sh at the service level on a real PostgreSQL: BILLmanager's generated passwords
// (short ones too), one VPS per service however often open.sh is retried, a VPS of its own
// for each further service of a login, the login reused after a close, and no account
// BILLmanager did not create is ever taken over or has its password reset.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { verifyPassword } from "../../lib/auth/password";
import { DEFAULT_PARAM_MAP, type BillmanagerSettings } from "../../lib/billmanager/args";
import { BILLMANAGER_PASSWORD_MIN } from "../../lib/billmanager/ensure-client";
import { closeService } from "../../lib/billmanager/manage-service";
import { reportAction } from "../../lib/vps/actions/report";
import { openService } from "../../lib/billmanager/open-service";
import { openDatabase, type Database } from "../../lib/db";
import { AppError } from "../../lib/errors";
import { migrate } from "../../lib/migrate";
import { createUser } from "../../lib/users/create-user";
import { createTestDatabase } from "../support/pg";

const settings: BillmanagerSettings = { map: DEFAULT_PARAM_MAP, ramUnit: "MB" };
const tariff = ["--cpu=2", "--ram=2048", "--disk=40", "--os=Debian 12"];

describe("BILLmanager open (service level)", () => {
  let tdb: Awaited<ReturnType<typeof createTestDatabase>>;
  let database: Database;
  const open = (user: string, password: string, id: number) => openService(database.prisma, [`--user=${user}`, `--password=${password}`, `--id=${id}`, ...tariff], settings);
  const rejects = (p: Promise<unknown>, status: number, re: RegExp) =>
    assert.rejects(p, (e: unknown) => e instanceof AppError && e.status === status && re.test(e.message));
  const userOf = (username: string) => database.prisma.user.findUnique({ where: { username }, select: { id: true, passwordHash: true, createdBy: true } });
  const liveVps = async (userId: number) => (await database.prisma.vps.findMany({ where: { userId, deletedAt: null }, select: { id: true } })).map((v) => v.id);

  before(async () => {
    tdb = await createTestDatabase();
    database = await openDatabase({ databaseUrl: tdb.url });
    await migrate(database);
  });
  after(async () => {
    await database?.close();
    await tdb?.drop();
  });

  it("accepts BILLmanager's short generated passwords (the docs' --password='Xy7!kq') and the client signs in with it", async () => {
    assert.equal(BILLMANAGER_PASSWORD_MIN, 6);
    const s = await open("u4711", "Xy7!kq", 4711);
    assert.equal(s.created, true);
    const u = await userOf("u4711");
    assert.equal(u?.createdBy, "billmanager");
    assert.ok(await verifyPassword("Xy7!kq", u!.passwordHash));
  });

  it("refuses a password shorter than 6 characters and creates nothing", async () => {
    await rejects(open("u4712", "Xy7!k", 4712), 400, /password must be at least 6 characters/);
    assert.equal(await userOf("u4712"), null);
    assert.equal(await database.prisma.vps.count({ where: { externalRef: "billmanager:4712" } }), 0);
  });

  it("a retried open of the same service answers the same VPS (the service id is Vps.externalRef)", async () => {
    const first = await open("u4720", "Gen-pass-20", 4720);
    const again = await open("u4720", "Gen-pass-20", 4720);
    assert.deepEqual(again, { vpsId: first.vpsId, username: "u4720", created: false });
    const [a, b] = await Promise.all([open("u4721", "Gen-pass-21", 4721), open("u4721", "Gen-pass-21", 4721)]);
    assert.equal(a.vpsId, b.vpsId, "two runs at once make one VPS");
    assert.equal(await database.prisma.vps.count({ where: { externalRef: "billmanager:4721" } }), 1);
  });

  it("a second service of the same login gets its own VPS; after a close the login opens new services, the closed one stays closed", async () => {
    const one = await open("u4730", "Gen-pass-30", 4730);
    const two = await open("u4730", "Gen-pass-30", 4731);
    assert.notEqual(one.vpsId, two.vpsId);
    const userId = (await userOf("u4730"))!.id;
    assert.deepEqual((await liveVps(userId)).sort(), [one.vpsId, two.vpsId].sort());
    // close.sh asks the main site to terminate; the VPS is gone once the main site confirms.
    for (const id of [one.vpsId, two.vpsId]) {
      const { request } = await closeService(database.prisma, [`--id=${id}`]);
      assert.ok(request, "close.sh made a terminate request");
      await reportAction(database.prisma, request.id, { status: "completed" });
    }
    assert.deepEqual(await liveVps(userId), []);
    const three = await open("u4730", "Gen-pass-30", 4732);
    assert.equal(three.created, true);
    assert.deepEqual(await liveVps(userId), [three.vpsId]);
    await rejects(open("u4730", "Gen-pass-30", 4730), 409, /was closed/);
  });

  it("never resets the password of an account BILLmanager did not create; its own accounts follow the password it issues", async () => {
    const own = await createUser(database.prisma, { email: "site@example.com", username: "u4740", password: "site-password-1" });
    const before = (await userOf("u4740"))!.passwordHash;
    await rejects(open("u4740", "Other-pass", 4740), 409, /did not create/);
    assert.equal((await userOf("u4740"))!.passwordHash, before);
    assert.deepEqual(await liveVps(own.id), []);

    await open("u4741", "First-pass", 4741);
    await open("u4741", "Second-pass", 4742);
    assert.ok(await verifyPassword("Second-pass", (await userOf("u4741"))!.passwordHash));
  });
});
