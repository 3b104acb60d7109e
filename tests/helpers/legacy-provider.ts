/**
 * The `__provider` that version 0.1.0 wrote into the state of every resource (captured from that version):
 * an object whose methods call `require("pulumi-chime-messaging/provider").forType(<type>)`. Stacks created by
 * 0.1.0 still hold it, so later versions must keep that entry working.
 */
export function legacyProviderText(resourceType: string): string {
    return `exports.handler = __f0;

var __p = {configure: __f1, check: __f3, diff: __f4, create: __f5, read: __f6, update: __f7, delete: __f8};

function __f2() {
  return (function() {
    with({ resourceType: ${JSON.stringify(resourceType)}, this: undefined, arguments: undefined }) {

return () => require("pulumi-chime-messaging/provider").forType(resourceType);

    }
  }).apply(undefined, undefined).apply(this, arguments);
}

function __f1(__0) {
  return (function() {
    with({ implementation: __f2, this: undefined, arguments: undefined }) {

return (req) => implementation().configure(req);

    }
  }).apply(undefined, undefined).apply(this, arguments);
}

function __f3(__0, __1) {
  return (function() {
    with({ implementation: __f2, this: undefined, arguments: undefined }) {

return (olds, news) => implementation().check(olds, news);

    }
  }).apply(undefined, undefined).apply(this, arguments);
}

function __f4(__0, __1, __2) {
  return (function() {
    with({ implementation: __f2, this: undefined, arguments: undefined }) {

return (id, olds, news) => implementation().diff(id, olds, news);

    }
  }).apply(undefined, undefined).apply(this, arguments);
}

function __f5(__0) {
  return (function() {
    with({ implementation: __f2, this: undefined, arguments: undefined }) {

return (inputs) => implementation().create(inputs);

    }
  }).apply(undefined, undefined).apply(this, arguments);
}

function __f6(__0, __1) {
  return (function() {
    with({ implementation: __f2, this: undefined, arguments: undefined }) {

return (id, props) => implementation().read(id, props);

    }
  }).apply(undefined, undefined).apply(this, arguments);
}

function __f7(__0, __1, __2) {
  return (function() {
    with({ implementation: __f2, this: undefined, arguments: undefined }) {

return (id, olds, news) => implementation().update(id, olds, news);

    }
  }).apply(undefined, undefined).apply(this, arguments);
}

function __f8(__0, __1) {
  return (function() {
    with({ implementation: __f2, this: undefined, arguments: undefined }) {

return (id, props) => implementation().delete(id, props);

    }
  }).apply(undefined, undefined).apply(this, arguments);
}

function __f0() {
  return (function() {
    with({ p: __p, this: undefined, arguments: undefined }) {

return () => p;

    }
  }).apply(undefined, undefined).apply(this, arguments);
}
`;
}
