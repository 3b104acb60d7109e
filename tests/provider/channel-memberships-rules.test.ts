import { describe, it } from "mocha";
import assert from "node:assert/strict";
import { channelMembershipsSchema } from "../../provider/resources/channel-memberships";

const instance = "arn:aws:chime:us-east-1:123456789012:app-instance/a";
const channelArn = `${instance}/channel/c`;
const user = (n: number) => `${instance}/user/u${n}`;
const problem = (memberArns: unknown) =>
    channelMembershipsSchema.inputs.memberArns.validate(memberArns, { channelArn });

describe("ChannelMemberships: the rules of memberArns", () => {
    it("is a list of at most 10,000 members, a channel's quota", () => {
        assert.equal(problem("u"), "must be a list of member ARNs");
        assert.equal(problem(Array.from({ length: 10_000 }, (_, i) => user(i))), undefined);
        assert.equal(
            problem(Array.from({ length: 10_001 }, (_, i) => user(i))),
            "must have at most 10000 members (a channel's quota), has 10001",
        );
    });

    it("names each member that is not a string, not an ARN, of another app instance or repeated", () => {
        assert.equal(problem([user(1), 7]), "has invalid members: memberArns[1] must be a string");
        assert.match(problem(["x"]) ?? "", /^has invalid members: memberArns\[0\] .*(length|pattern)/);
        assert.match(
            problem([`arn:aws:chime:us-east-1:123456789012:app-instance/other/user/u`]) ?? "",
            /^has invalid members: memberArns\[0\] .*\(got arn:aws:chime:us-east-1:123456789012:app-instance\/other\/user\/u\)$/,
        );
        assert.equal(problem([user(1), user(1)]), `has invalid members: memberArns[1] repeats ${user(1)}`);
    });

    it("shows the first ten problems and counts the rest", () => {
        const message = problem(Array.from({ length: 12 }, (_, i) => i)) ?? "";
        assert.equal(message.split("; ").length, 11);
        assert.match(message, /^has invalid members: memberArns\[0\] must be a string; memberArns\[1\]/);
        assert.match(message, /memberArns\[9\] must be a string; and 2 more$/);
    });
});
