// Dates in the reader's own time zone. The page prints every moment in UTC inside
// <time datetime="...">; this rewrites the text with the browser's zone and language.
(function () {
  "use strict";
  if (!window.Intl || !Intl.DateTimeFormat) return;
  var format = new Intl.DateTimeFormat(undefined, {
    day: "numeric", month: "short", year: "numeric",
    hour: "2-digit", minute: "2-digit", timeZoneName: "short"
  });
  document.querySelectorAll("time[datetime]").forEach(function (element) {
    var value = element.getAttribute("datetime");
    if (value.length <= 10) return; // a date alone belongs to no time zone
    var moment = new Date(value);
    if (isNaN(moment.getTime())) return;
    element.title = element.textContent.trim(); // the UTC original stays on hover
    element.textContent = format.format(moment);
  });
})();
