export * from "./app-instance-with-admin";
export * from "./channel-flow-with-permissions";
