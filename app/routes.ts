import { type RouteConfig, index, route } from "@react-router/dev/routes";

export default [
  index("routes/home.tsx"),
  route("login", "routes/login.tsx"),
  route("logout", "routes/logout.tsx"),
  route("signup", "routes/signup.tsx"),
  route("invite/:token", "routes/invite.tsx"),
  route("forgot-password", "routes/forgot-password.tsx"),
  route("reset-password/:token", "routes/reset-password.tsx"),
  route("profile", "routes/profile.tsx"),
  route("settings", "routes/settings.tsx"),
  route("communities", "routes/communities.tsx"),
  route("communities/new", "routes/communities.new.tsx"),
  route("communities/:slug", "routes/community.tsx"),
  route("communities/:slug/members", "routes/community.members.tsx"),
  route("communities/:slug/invite", "routes/community.invite.tsx"),
  route("communities/:slug/meetings/new", "routes/community.meetings.new.tsx"),
  route("meetings/:seriesId/:key", "routes/meeting.tsx"),
  route("meetings/:seriesId/:key/calendar.ics", "routes/meeting.ics.ts"),
  route("calendar/:file", "routes/calendar.feed.ts"),
  route("admin/outbox", "routes/admin.outbox.tsx"),
  route("*", "routes/not-found.tsx"),
] satisfies RouteConfig;
