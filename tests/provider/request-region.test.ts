import { describe, it } from "mocha";
import * as assert from "node:assert/strict";
import { REGION_PATTERN, regionOfArn, regionOfRequest } from "../../provider/request-region";

describe("the region of a request", () => {
    it("takes the Region codes of every AWS partition: commercial, GovCloud and the isolated ones", () => {
        for (const region of [
            "us-east-1",
            "eu-central-1",
            "ap-southeast-2",
            "us-gov-west-1",
            "us-iso-east-1",
            "us-isob-east-1",
        ])
            assert.match(region, REGION_PATTERN, region);
        for (const region of [
            "us-east",
            "US-EAST-1",
            "us-gov-west",
            "us-isoab-east-1",
            "useast-1",
            "us-east-1 ",
            "eu-central-12",
        ])
            assert.doesNotMatch(region, REGION_PATTERN, region);
    });

    it("is the region of a Chime or Lambda ARN of any partition, and of no other ARN", () => {
        assert.equal(regionOfArn("arn:aws-us-gov:chime:us-gov-west-1:123456789012:app-instance/a"), "us-gov-west-1");
        assert.equal(regionOfArn("arn:aws-iso:lambda:us-iso-east-1:123456789012:function:f"), "us-iso-east-1");
        assert.equal(regionOfArn("arn:aws:s3:us-east-1:123456789012:bucket"), undefined);
        assert.equal(regionOfArn("arn:aws:chime:Mars-1:123456789012:app-instance/a"), undefined);
        assert.equal(regionOfArn(42), undefined);
        assert.equal(
            regionOfRequest({
                Name: "x",
                ChannelArn: "arn:aws-us-gov:chime:us-gov-east-1:123456789012:app-instance/a/channel/c",
            }),
            "us-gov-east-1",
        );
        assert.equal(regionOfRequest({ Name: "x" }), undefined);
    });
});
