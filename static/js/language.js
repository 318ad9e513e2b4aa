// The language chooser returns to the page as it is now: htmx may have changed its address since it loaded.
document.querySelectorAll("form.language-chooser").forEach((form) => {
  form.addEventListener("submit", () => {
    const here = new URL(window.location.href);
    here.searchParams.delete("lang");
    form.querySelector('input[name="next"]').value = here.pathname + here.search;
  });
});
