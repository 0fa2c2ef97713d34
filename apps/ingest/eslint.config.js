export { default } from "@transmute/eslint-config";
