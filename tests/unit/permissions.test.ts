import { describe, expect, it } from "vitest";
import { may, type Actor, type CommunityScope } from "../../shared/permissions";

const admin: Actor = { id: "a", networkRole: "admin" };
const member: Actor = { id: "m", networkRole: "member" };
const open = (role: CommunityScope["role"]): CommunityScope => ({ role, visibility: "open" });
const invite = (role: CommunityScope["role"]): CommunityScope => ({ role, visibility: "invite" });

describe("who may do what", () => {
  it("lets only network admins create communities and see network administration", () => {
    expect(may(admin, "community.create")).toBe(true);
    expect(may(member, "community.create")).toBe(false);
    expect(may({ id: "f", networkRole: "facilitator" }, "network.admin")).toBe(false);
    expect(may(null, "community.create")).toBe(false);
  });

  it("lets a member of the network join an open community but not an invitation-only one", () => {
    expect(may(member, "community.join", open(null))).toBe(true);
    expect(may(member, "community.join", invite(null))).toBe(false);
    expect(may(member, "community.join", open("member"))).toBe(false);
    expect(may(member, "community.view", invite(null))).toBe(false);
  });

  it("keeps the directory and meetings to members, and facilitation to facilitators and admins", () => {
    expect(may(member, "community.members", open(null))).toBe(false);
    expect(may(member, "community.members", open("member"))).toBe(true);
    expect(may(member, "meeting.manage", open("member"))).toBe(false);
    expect(may(member, "meeting.manage", open("facilitator"))).toBe(true);
    expect(may(admin, "meeting.manage", invite(null))).toBe(true);
    expect(may(admin, "community.invite", invite(null))).toBe(true);
    expect(may(member, "community.invite", invite("member"))).toBe(false);
  });

  it("lets only members RSVP and leave", () => {
    expect(may(admin, "meeting.rsvp", open(null))).toBe(false);
    expect(may(member, "meeting.rsvp", open("member"))).toBe(true);
    expect(may(member, "community.leave", open(null))).toBe(false);
  });
});

import { canvasRole, canvasRoleMay } from "../../shared/permissions";

describe("who may do what on a canvas", () => {
  const member: Actor = { id: "m", networkRole: "member" };
  it("lets facilitators and admins edit, members as the canvas or their share says, and outsiders nothing", () => {
    expect(canvasRole(member, { role: "facilitator", visibility: "invite" }, "view", null)).toBe("edit");
    expect(canvasRole({ id: "a", networkRole: "admin" }, { role: null, visibility: "invite" }, "view", null)).toBe("edit");
    expect(canvasRole(member, { role: "member", visibility: "open" }, "edit", null)).toBe("edit");
    expect(canvasRole(member, { role: "member", visibility: "open" }, "edit", "view")).toBe("view");
    expect(canvasRole(member, { role: null, visibility: "open" }, "edit", "edit")).toBeNull();
    expect(canvasRoleMay.changeDocument("comment")).toBe(false);
    expect(canvasRoleMay.showPresence("view")).toBe(false);
  });
});
