"""The example on the installed distribution's page (its description, which is the package's README) under
Pulumi's mocks: it is read from the installed metadata, run as written, and what it registered is printed as one
JSON line for tests/sdk/python.test.ts. Run alone, not by pytest: the mocks are per process."""
import json
import re
from importlib.metadata import metadata

import pulumi

registered = []


class Mocks(pulumi.runtime.Mocks):
    """Records each registration; answers each resource with an ARN and the outputs the plugin would."""

    def new_resource(self, args: pulumi.runtime.MockResourceArgs):
        registered.append({"type": args.typ, "name": args.name, "inputs": dict(args.inputs)})
        arn = f"arn:aws:chime:us-east-1:123456789012:app-instance/mock/{args.name}"
        outputs = {**args.inputs, "arn": arn, "appInstanceArn": arn, "bearerArn": f"{arn}/user/admin"}
        return [arn, outputs]

    def call(self, args: pulumi.runtime.MockCallArgs):
        return {}


def example():
    description = metadata("pulumi_chime_messaging").get_payload()
    blocks = re.findall(r"^```python\n(.*?)^```$", description, re.DOTALL | re.MULTILINE)
    if len(blocks) != 1:
        raise SystemExit(f"the distribution's description has {len(blocks)} Python examples, not 1")
    return blocks[0]


pulumi.runtime.set_mocks(Mocks(), project="readme", stack="dev", preview=False)


@pulumi.runtime.test
def run_example():
    namespace = {}
    exec(example(), namespace)
    resources = [value for value in namespace.values() if isinstance(value, pulumi.Resource)]
    return pulumi.Output.all(*[resource.urn for resource in resources])


run_example()
print(json.dumps(sorted(registered, key=lambda r: r["name"])))
