from django.shortcuts import render


def wall(request):
    return render(request, "ambassadors/wall.html")


def declaration(request):
    return render(request, "ambassadors/declaration.html")
