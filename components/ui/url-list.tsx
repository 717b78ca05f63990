/** Source addresses as a list of links (only http(s) URLs reach here: data files are validated). */
export function UrlList({ urls, className = "" }: { urls: string[]; className?: string }) {
  return (
    <ul className={`list-disc pl-5 break-all ${className}`}>
      {urls.map((url) => (
        <li key={url}>
          <a href={url} rel="noopener noreferrer" className="text-link underline">
            {url}
          </a>
        </li>
      ))}
    </ul>
  );
}
