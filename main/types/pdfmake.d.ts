// The few pdfmake calls the core makes, typed here: @types/pdfmake pulls the DOM library into
// every file of main/ (`/// <reference lib="dom" />`), and the core must not see DOM types.
declare module 'pdfmake' {
  export type Content =
    string | Content[] | ({ [key: string]: unknown } & { text?: string | Content[]; style?: string });
  export interface TDocumentDefinitions {
    info?: { title?: string; creator?: string };
    defaultStyle?: Record<string, unknown>;
    styles?: Record<string, Record<string, unknown>>;
    content: Content[];
  }
  interface FontFiles {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  const pdfmake: {
    setFonts(fonts: Record<string, FontFiles>): void;
    setUrlAccessPolicy(allow: (url: string) => boolean): void;
    setLocalAccessPolicy(allow: (path: string) => boolean): void;
    createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
  };
  export default pdfmake;
}
