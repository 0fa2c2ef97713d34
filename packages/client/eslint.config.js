import config from "@transmute/eslint-config";

// test/consumer holds another repository's files, checked against the packed tarball.
export default [{ ignores: ["test/consumer/**"] }, ...config];
