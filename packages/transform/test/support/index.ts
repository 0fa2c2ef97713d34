// What other packages' tests borrow: a local OpenAI-compatible server and a .docx builder.
export * from "./docx";
export * from "./llm-server";
