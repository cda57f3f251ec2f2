// The theme's menu button on phones and tablets is a <label> for the navigation drawer's checkbox (#__drawer);
// templates/overrides/main.html puts it in the tab order as a button. The theme's own keyboard handler clicks a
// focused label on Enter; this does the same on Space, as a button does, and keeps aria-expanded in step with the
// drawer however it was opened or closed.
(() => {
  const drawer = document.getElementById("__drawer");
  const buttons = document.querySelectorAll('label.md-header__button[for="__drawer"][role="button"]');
  if (!drawer) return;
  for (const button of buttons) {
    button.addEventListener("keydown", (event) => {
      if (event.key !== " ") return;
      event.preventDefault();
      button.click();
    });
  }
  const follow = () => buttons.forEach((button) => button.setAttribute("aria-expanded", String(drawer.checked)));
  drawer.addEventListener("change", follow);
  // A click on a label for the drawer (the button, or the shade over the page) toggles it after the click.
  for (const label of document.querySelectorAll('label[for="__drawer"]')) {
    label.addEventListener("click", () => setTimeout(follow));
  }
  follow();
})();
