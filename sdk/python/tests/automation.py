"""The quickstart's topology (quickstart_program.py) through the real engine, with Pulumi's Automation API: an
inline program, so no language host runs. One step a run, printed as one JSON line for the end-to-end tests
(tests/release/automation.test.ts), which check each step against the emulator:

    python automation.py preview|up|refresh|destroy

The stack is `dev` of the project `chime-quickstart`, on the backend and with the plugin source the environment
names (PULUMI_BACKEND_URL, PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES, ...); CHIME_PROCESSOR_LAMBDA_ARN and
CHIME_EDITED=true|false set the program's config."""
import json
import os
import sys

from pulumi import automation as auto


def program():
    import quickstart_program  # noqa: F401  (registers the topology in this program's context)


def changes(summary):
    return {getattr(op, "value", op): count for op, count in (summary or {}).items()}


def run(step):
    stack = auto.create_or_select_stack(stack_name="dev", project_name="chime-quickstart", program=program)
    stack.set_all_config(
        {
            "processorLambdaArn": auto.ConfigValue(os.environ["CHIME_PROCESSOR_LAMBDA_ARN"]),
            "edited": auto.ConfigValue(os.environ.get("CHIME_EDITED", "false")),
        }
    )
    if step == "preview":
        steps = {}

        def on_event(event):
            pre = event.resource_pre_event
            if pre is not None:
                step = steps.setdefault(pre.metadata.urn.split("::")[-1], {"ops": [], "diffs": []})
                step["ops"].append(getattr(pre.metadata.op, "value", pre.metadata.op))
                diffs = list((pre.metadata.detailed_diff or {}).keys()) or list(pre.metadata.diffs or [])
                step["diffs"] = sorted(set(step["diffs"]) | set(diffs))

        result = stack.preview(on_event=on_event, diff=True)
        return {"changes": changes(result.change_summary), "steps": steps}
    if step == "up":
        result = stack.up()
        outputs = {key: output.value for key, output in result.outputs.items()}
        return {"changes": changes(result.summary.resource_changes), "outputs": outputs}
    if step == "refresh":
        return {"changes": changes(stack.refresh().summary.resource_changes)}
    if step == "destroy":
        return {"changes": changes(stack.destroy().summary.resource_changes)}
    raise SystemExit(f"unknown step {step}: preview, up, refresh or destroy")


if __name__ == "__main__":
    print(json.dumps(run(sys.argv[1])))
