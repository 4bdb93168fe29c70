import { fileURLToPath } from 'node:url';

export const URI = {
  /** A file system path for file URIs; other schemes (untitled:) keep their path part so the extension still tells the format. */
  toPath(uri: string): string {
    if (uri.startsWith('file:')) {
      try {
        return fileURLToPath(uri);
      } catch {
        /* fall through */
      }
    }
    const i = uri.indexOf(':');
    return decodeURIComponent(i >= 0 ? uri.slice(i + 1) : uri);
  },
};
