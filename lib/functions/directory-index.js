// CloudFront Function (runtime cloudfront-js-2.0), on viewer request of the downloads distribution.
// CloudFront fetches keys from the private bucket through origin access control, so it cannot map
// a folder's address to the folder's index.html as an S3 website would. This does it:
//   /published/<id>/    -> the key published/<id>/index.html (the latest version's download page)
//   /published/         -> published/index.html (every publication)
//   /published/<id>     -> a redirect to /published/<id>/, so the page's relative links resolve
//                          inside the folder (as S3 websites and web servers do)
//   /published/<id>/<version>/<file>.pdf and any other name with an extension: unchanged.
// A plain script, as CloudFront runs it: lib/functions/index.ts loads this same file for the tests
// and for the embedded S3 of `npm start`.
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  if (uri.charAt(uri.length - 1) === '/') {
    request.uri = uri + 'index.html';
    return request;
  }
  var last = uri.slice(uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) {
    return {
      statusCode: 301,
      statusDescription: 'Moved Permanently',
      headers: { location: { value: uri + '/' }, 'cache-control': { value: 'public, max-age=3600' } },
    };
  }
  return request;
}
